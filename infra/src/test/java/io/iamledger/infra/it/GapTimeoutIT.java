package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.command.user.CreateUserCommand;
import io.iamledger.events.EventEnvelope;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.infra.api.CommandSender;
import io.iamledger.infra.server.LedgerServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * AxonFramework #4829: a transaction that draws a global sequence number and commits after the tracking reader's
 * gap timeout gets its event skipped forever. Our appends draw their numbers only as they commit, under an
 * advisory lock, so sequence order is commit order: a slow transaction neither holds back the others nor leaves a
 * gap behind them; its event comes after theirs. (With numbers drawn at insert, the slow event would get the
 * lowest number, become visible after the timeout, and never be relayed.)
 */
class GapTimeoutIT {

    @Test
    void anEventCommittedAfterTheGapTimeoutIsStillRelayedInCommitOrder() throws Exception {
        LedgerServer server = SharedLedger.server();
        CommandSender commands = server.context().getBean(CommandSender.class);
        String account = server.accountId();
        String slowUser = SharedLedger.unique("slow");
        List<String> quickUsers = List.of(SharedLedger.unique("quick"), SharedLedger.unique("quick"),
                SharedLedger.unique("quick"));
        long holdMillis = 2 * SharedLedger.GAP_TIMEOUT_MS + 1_000;

        ExecutorService pool = Executors.newFixedThreadPool(1 + quickUsers.size());
        try {
            CountDownLatch slowAppended = new CountDownLatch(1);
            Future<?> slow = pool.submit(() -> commands.inTransaction(account, () -> {
                commands.dispatch(create(account, slowUser));
                slowAppended.countDown();
                sleep(holdMillis);
                return null;
            }));
            assertThat(slowAppended.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> quick = new ArrayList<>();
            for (String name : quickUsers) {
                quick.add(pool.submit(() -> commands.send(account, create(account, name))));
            }
            for (Future<?> f : quick) {
                f.get(30, TimeUnit.SECONDS); // not held back by the open transaction
            }
            assertThat(slow).as("the slow transaction is still open").isNotDone();
            slow.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        long slowSequence = sequenceOf(slowUser).orElseThrow(() ->
                new AssertionError("the slow transaction's event was never relayed"));
        for (String name : quickUsers) {
            assertThat(sequenceOf(name)).as("relayed " + name).isPresent();
            assertThat(sequenceOf(name).getAsLong()).as("sequence of " + name + ", committed before the slow one")
                    .isLessThan(slowSequence);
        }
    }

    private static CreateUserCommand create(String account, String name) {
        return new CreateUserCommand(account, "AIDA" + Long.toHexString(System.nanoTime()).toUpperCase()
                + name.hashCode(), name, "/", Optional.empty(), List.of(), Instant.now());
    }

    private static java.util.OptionalLong sequenceOf(String userName) {
        List<EventEnvelope> found = WritePathIT.readAll(Duration.ofSeconds(30),
                e -> e.event() instanceof UserCreatedEvent created && created.userName().equals(userName));
        return found.isEmpty() ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(found.get(0).globalSequence());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
