package io.iamledger.infra.ledger;

import io.iamledger.infra.config.LedgerSettings;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The server's checkpoint beans: the signing key from the data directory, the checkpointer, its schedule
 * ({@code IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS}) and the {@code /v1/log} endpoints. Needs the schema in place,
 * which the {@code schemaReady} bean stands for.
 */
@Configuration(proxyBeanMethods = false)
public class LogConfiguration {

    @Bean
    CheckpointSigner checkpointSigner(LedgerSettings settings) {
        return CheckpointSigner.loadOrCreate(settings.dataDir());
    }

    @Bean
    @DependsOn("schemaReady")
    Checkpointer checkpointer(DataSource dataSource, CheckpointSigner signer) {
        return new Checkpointer(dataSource, signer, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    CheckpointSchedule checkpointSchedule(Checkpointer checkpointer, LedgerSettings settings) {
        return new CheckpointSchedule(checkpointer, settings.checkpointInterval());
    }
}
