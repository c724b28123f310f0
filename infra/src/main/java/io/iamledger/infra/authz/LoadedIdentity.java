package io.iamledger.infra.authz;

import io.iamledger.events.identity.Tag;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import java.util.List;
import java.util.Objects;

/**
 * An IAM user, group or role with its policies compiled: for a user its inline and attached policies and those of
 * its groups, for a group or role its own; and the permissions boundary of a user or role. Immutable.
 *
 * @param arn      the ARN, with the identity's path
 * @param id       the unique id ({@code AIDA…}, {@code AGPA…}, {@code AROA…})
 * @param tags     the identity's tags; empty for groups
 * @param policies the compiled identity-based policies and boundary
 */
record LoadedIdentity(String arn, String id, List<Tag> tags, CompiledPrincipalPolicies policies) {
    LoadedIdentity {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(id, "id");
        tags = List.copyOf(tags);
        Objects.requireNonNull(policies, "policies");
    }
}
