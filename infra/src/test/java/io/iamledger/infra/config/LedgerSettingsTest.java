package io.iamledger.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerSettingsTest {

    @Test
    void concurrentWritesDefaultToThreePerAvailableProcessor() {
        assertThat(LedgerSettings.from(Map.of()).maxConcurrentWrites())
                .isEqualTo(3 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void concurrentWritesAreTakenFromTheEnvironment() {
        assertThat(LedgerSettings.from(Map.of("IAMLEDGER_MAX_CONCURRENT_WRITES", " 12 ")).maxConcurrentWrites())
                .isEqualTo(12);
    }

    @Test
    void aBadConcurrentWritesSettingFailsNamingTheVariable() {
        assertThatThrownBy(() -> LedgerSettings.from(Map.of("IAMLEDGER_MAX_CONCURRENT_WRITES", "0")))
                .hasMessageContaining("IAMLEDGER_MAX_CONCURRENT_WRITES");
        assertThatThrownBy(() -> LedgerSettings.from(Map.of("IAMLEDGER_MAX_CONCURRENT_WRITES", "many")))
                .hasMessageContaining("IAMLEDGER_MAX_CONCURRENT_WRITES");
    }

    @Test
    void checkpointsDefaultToEveryMinuteAndAreTakenFromTheEnvironment() {
        assertThat(LedgerSettings.from(Map.of()).checkpointInterval()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(LedgerSettings.from(Map.of("IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS", "5")).checkpointInterval())
                .isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void aBadCheckpointIntervalFailsNamingTheVariable() {
        assertThatThrownBy(() -> LedgerSettings.from(Map.of("IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS", "0")))
                .hasMessageContaining("IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS");
        assertThatThrownBy(() -> LedgerSettings.from(Map.of("IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS", "soon")))
                .hasMessageContaining("IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS");
    }
}
