package io.iamledger.query.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies every account can see, supplied from outside (the catalog is built elsewhere); the read
 * model merges them into {@code ListPolicies}, {@code GetPolicy} and the other policy queries. Implementations
 * must be thread-safe and must not change while in use.
 */
public interface BuiltInPolicies {

    /** Every built-in policy, sorted by name case-insensitively (ASCII), then ARN, as {@link #of} sorts them. */
    List<BuiltInPolicy> sortedByName();

    /** The policy with exactly this ARN, if any. */
    Optional<BuiltInPolicy> byArn(String arn);

    /** No built-in policies (tests, or a server configured without the catalog). */
    static BuiltInPolicies none() {
        return of(List.of());
    }

    /** An index over these policies; duplicate ARNs keep the last. */
    static BuiltInPolicies of(Collection<BuiltInPolicy> policies) {
        Map<String, BuiltInPolicy> byArn = new HashMap<>();
        for (BuiltInPolicy policy : policies) {
            byArn.put(policy.arn(), policy);
        }
        List<BuiltInPolicy> sorted = new ArrayList<>(byArn.values());
        sorted.sort(Comparator.comparing((BuiltInPolicy p) -> Paging.fold(p.policyName()))
                .thenComparing(BuiltInPolicy::arn));
        List<BuiltInPolicy> sortedView = List.copyOf(sorted);
        Map<String, BuiltInPolicy> index = Map.copyOf(byArn);
        return new BuiltInPolicies() {
            @Override
            public List<BuiltInPolicy> sortedByName() {
                return sortedView;
            }

            @Override
            public Optional<BuiltInPolicy> byArn(String arn) {
                return Optional.ofNullable(index.get(arn));
            }
        };
    }
}
