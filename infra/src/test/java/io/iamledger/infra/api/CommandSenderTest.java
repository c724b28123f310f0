package io.iamledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.infra.eventstore.EventPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.junit.jupiter.api.Test;

/** Admission control, on Axon's own in-memory command bus (no store: the commands append nothing). */
class CommandSenderTest {

    @Test
    void noMoreThanTheConfiguredNumberOfWritesExecuteAtOnceAndTheOthersWaitTheirTurn() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch twoInside = new CountDownLatch(2);
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> {
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            twoInside.countDown();
            // hold the first two until both are in, so a third would have had the chance to enter too
            twoInside.await(10, TimeUnit.SECONDS);
            Thread.sleep(50);
            inside.decrementAndGet();
            return command.getPayload();
        });
        CommandSender sender = new CommandSender(DefaultCommandGateway.builder().commandBus(bus).build(), null,
                new WriteTracker(), new EventPositions(null), new WeakReferenceCache(), 2);

        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String command = "write-" + i;
                calls.add(callers.submit(() -> sender.send("111122223333", command)));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("write-" + i);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }
}
