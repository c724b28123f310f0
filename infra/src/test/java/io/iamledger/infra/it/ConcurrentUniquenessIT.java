package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;

class ConcurrentUniquenessIT {

    @Test
    void ofManyConcurrentCreateUserCallsForOneNameInAnyCaseExactlyOneSucceeds() throws Exception {
        String name = SharedLedger.unique("contested");
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                String spelling = i % 2 == 0 ? name : name.toUpperCase(Locale.ROOT);
                Callable<String> call = () -> {
                    try (IamClient iam = SharedLedger.iam()) {
                        start.await();
                        iam.createUser(r -> r.userName(spelling));
                        return "created";
                    } catch (EntityAlreadyExistsException e) {
                        return "exists";
                    }
                };
                outcomes.add(pool.submit(call));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).filteredOn("created"::equals).hasSize(1);
            assertThat(results).filteredOn("exists"::equals).hasSize(callers - 1);
        } finally {
            pool.shutdownNow();
        }
        try (IamClient iam = SharedLedger.iam()) {
            long matching = iam.listUsersPaginator(r -> { }).users().stream()
                    .filter(u -> u.userName().equalsIgnoreCase(name)).count();
            assertThat(matching).isEqualTo(1);
        }
    }
}
