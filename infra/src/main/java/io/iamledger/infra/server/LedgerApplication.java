package io.iamledger.infra.server;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import io.iamledger.infra.api.ApiConfiguration;
import io.iamledger.infra.ledger.LogConfiguration;
import org.springframework.context.annotation.Import;

/** The Spring Boot application: auto-configuration plus our explicit configuration classes (no scanning). */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({LedgerConfiguration.class, AxonWiring.class, ReadModelWiring.class, ApiConfiguration.class,
        LogConfiguration.class})
class LedgerApplication {
}
