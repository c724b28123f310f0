package io.iamledger.infra.authz;

import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import io.iamledger.query.awsmanaged.AwsManagedPolicy;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.PolicySource;
import io.iamledger.query.readmodel.InlinePolicy;
import io.iamledger.query.readmodel.PermissionFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a user or role of {@link PermissionFacts} into a {@link LoadedIdentity}: its own inline policies, its
 * attached managed policies at their default version (AWS managed ones from the built-in catalog), and for a user
 * its groups' inline and attached policies; its boundary. Managed policies and group inline policies are shared
 * through {@link SharedPolicies}, so compiling every principal of an account compiles each of them once. An
 * attachment naming a policy that did not exist at the facts' moment grants nothing; a boundary naming one allows
 * nothing, so it still limits. Thread-safe.
 */
final class IdentityCompiler {
    /** Allows nothing: stands in for a boundary whose policy is gone, so the boundary still limits. */
    private static final String ALLOWS_NOTHING =
            "{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}";

    private final SharedPolicies shared;

    IdentityCompiler(SharedPolicies shared) {
        this.shared = shared;
    }

    /** @param principal a user or role of {@code facts} */
    LoadedIdentity compile(PermissionFacts facts, PermissionFacts.Holder principal) {
        PolicySource.Kind inlineKind = switch (principal.kind()) {
            case USER -> PolicySource.Kind.USER_INLINE;
            case ROLE -> PolicySource.Kind.ROLE_INLINE;
            case GROUP -> throw new IllegalArgumentException("not a user or role: " + principal.arn());
        };
        List<CompiledPolicy> identity = new ArrayList<>();
        boolean own = false;
        for (InlinePolicy policy : principal.inlinePolicies()) {
            identity.add(SharedPolicies.compile(PolicySource.of(policy.policyName(), inlineKind),
                    policy.policyDocument()));
            own = true;
        }
        attach(identity, facts, principal.attachedPolicies());
        for (String groupId : principal.groupIds()) {
            PermissionFacts.Holder group = facts.groups().get(groupId);
            for (InlinePolicy policy : group.inlinePolicies()) {
                identity.add(shared.groupInline(group.id(), group.name(), policy.policyName(),
                        policy.policyDocument()));
            }
            attach(identity, facts, group.attachedPolicies());
        }
        Optional<CompiledPolicy> boundary = Optional.empty();
        if (principal.boundaryArn().isPresent()) {
            String arn = principal.boundaryArn().get();
            boundary = managed(facts, arn);
            if (boundary.isEmpty()) {
                boundary = Optional.of(SharedPolicies.compile(PolicySource.of(arn, PolicySource.Kind.CUSTOMER_MANAGED),
                        ALLOWS_NOTHING));
                own = true;
            }
        }
        CompiledPrincipalPolicies policies;
        if (own) {
            CompiledPrincipalPolicies.Builder builder = CompiledPrincipalPolicies.builder().identityPolicies(identity);
            boundary.ifPresent(builder::permissionsBoundary);
            policies = builder.build();
        } else {
            policies = shared.principalPolicies(identity, boundary);
        }
        return new LoadedIdentity(principal.arn(), principal.id(), principal.tags(), policies);
    }

    private void attach(List<CompiledPolicy> identity, PermissionFacts facts, List<String> arns) {
        for (String arn : arns) {
            managed(facts, arn).ifPresent(identity::add);
        }
    }

    /** The default version of a managed policy, compiled; empty when the policy did not exist then. */
    private Optional<CompiledPolicy> managed(PermissionFacts facts, String arn) {
        Optional<AwsManagedPolicy> aws = AwsManagedPolicies.byArn(arn);
        if (aws.isPresent()) {
            AwsManagedPolicy policy = aws.get();
            return Optional.of(shared.managed(arn, policy.policyId(), policy.defaultVersionId(),
                    PolicySource.Kind.AWS_MANAGED, policy::document));
        }
        PermissionFacts.ManagedPolicyVersion version = facts.managedPolicies().get(arn);
        if (version == null) {
            return Optional.empty();
        }
        return Optional.of(shared.managed(arn, version.policyId(), version.versionId(),
                PolicySource.Kind.CUSTOMER_MANAGED, version::document));
    }
}
