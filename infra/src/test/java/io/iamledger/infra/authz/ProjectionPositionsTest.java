package io.iamledger.infra.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProjectionPositionsTest {
    private final AtomicLong stored = new AtomicLong(5);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong progress = new AtomicLong();
    private final AtomicLong now = new AtomicLong();
    private final ProjectionPositions positions = new ProjectionPositions(account -> {
        reads.incrementAndGet();
        return stored.get();
    }, progress::get, Duration.ofSeconds(1), now::get);

    @Test
    void aQuietAccountIsAnsweredFromMemory() {
        assertThat(positions.position("a", -1)).isEqualTo(5);
        assertThat(positions.position("a", -1)).isEqualTo(5);
        assertThat(positions.position("a", 5)).isEqualTo(5);
        assertThat(reads).hasValue(1);
    }

    @Test
    void localProgressMakesItReadAgain() {
        positions.position("a", -1);
        stored.set(9);
        progress.incrementAndGet();
        assertThat(positions.position("a", -1)).isEqualTo(9);
        assertThat(reads).hasValue(2);
    }

    @Test
    void theCallersOwnWriteMakesItReadAgain() {
        positions.position("a", -1);
        stored.set(7);
        assertThat(positions.position("a", 7)).isEqualTo(7);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aPositionIsTrustedOnlyForTheTimeToLive() {
        positions.position("a", -1);
        stored.set(8);
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(positions.position("a", -1)).isEqualTo(5);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(positions.position("a", -1)).isEqualTo(8);
    }

    @Test
    void accountsAreTrackedApart() {
        positions.position("a", -1);
        positions.position("b", -1);
        assertThat(reads).hasValue(2);
    }
}
