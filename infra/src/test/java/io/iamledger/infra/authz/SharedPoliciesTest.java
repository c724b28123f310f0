package io.iamledger.infra.authz;

import static io.iamledger.infra.authz.FakeLoader.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.PolicySource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedPoliciesTest {
    private static final String ARN = "arn:aws:iam::111122223333:policy/p";
    private static final String ALLOW = policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");
    private static final String DENY = policy("{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");

    private final SharedPolicies shared = new SharedPolicies();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aManagedPolicyVersionIsCompiledOnceAndItsDocumentReadOnce() {
        CompiledPolicy first = managed("ANPA1", "v1", ALLOW);
        assertThat(managed("ANPA1", "v1", ALLOW)).isSameAs(first);
        assertThat(reads).hasValue(1);
        assertThat(first.source()).isEqualTo(PolicySource.of(ARN, PolicySource.Kind.CUSTOMER_MANAGED));
    }

    @Test
    void aNewVersionOrAPolicyCreatedAgainUnderTheSameArnIsCompiledAnew() {
        CompiledPolicy first = managed("ANPA1", "v1", ALLOW);
        assertThat(managed("ANPA1", "v2", DENY)).isNotSameAs(first);
        assertThat(managed("ANPA2", "v1", DENY)).isNotSameAs(first);
    }

    @Test
    void aGroupInlinePolicyIsSharedUntilItsDocumentOrGroupNameChanges() {
        CompiledPolicy first = shared.groupInline("AGPA1", "devs", "s3", ALLOW);
        assertThat(shared.groupInline("AGPA1", "devs", "s3", ALLOW)).isSameAs(first);
        assertThat(shared.groupInline("AGPA1", "devs", "s3", DENY)).isNotSameAs(first);
        assertThat(shared.groupInline("AGPA1", "developers", "s3", ALLOW).source().group()).contains("developers");
    }

    @Test
    void principalsWithTheSameSharedPoliciesShareTheirMergedIndex() {
        CompiledPolicy a = managed("ANPA1", "v1", ALLOW);
        CompiledPolicy b = shared.groupInline("AGPA1", "devs", "s3", DENY);
        CompiledPrincipalPolicies one = shared.principalPolicies(List.of(a, b), Optional.empty());
        assertThat(shared.principalPolicies(List.of(a, b), Optional.empty())).isSameAs(one);
        assertThat(shared.principalPolicies(List.of(a, b), Optional.of(a))).isNotSameAs(one);
        assertThat(shared.principalPolicies(List.of(b, a), Optional.empty())).isNotSameAs(one);
        assertThat(one.identityPolicies()).containsExactly(a, b);
    }

    @Test
    void aStoredPolicyThatNoLongerReadsIsAnErrorNotSkipped() {
        assertThatThrownBy(() -> SharedPolicies.compile(PolicySource.of("x", PolicySource.Kind.USER_INLINE), "{"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stored policy x");
    }

    private CompiledPolicy managed(String policyId, String version, String document) {
        return shared.managed(ARN, policyId, version, PolicySource.Kind.CUSTOMER_MANAGED, () -> {
            reads.incrementAndGet();
            return document;
        });
    }
}
