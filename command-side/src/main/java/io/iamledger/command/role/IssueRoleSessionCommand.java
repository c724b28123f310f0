package io.iamledger.command.role;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * AssumeRole, once the edge has authenticated the caller, checked the trust and identity policies and validated
 * the parameters: records that a session of the role was issued. The role refuses it when it no longer has that
 * name in that account, or when the duration exceeds its maximum session duration as it stands now.
 *
 * @param chained whether the issuer is itself a role session (role chaining: at most one hour)
 */
public record IssueRoleSessionCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                      String sessionName, String accessKeyId, String issuerArn,
                                      String issuerAccountId, Optional<String> sourceIdentity,
                                      Optional<String> sessionPolicy, List<String> sessionPolicyArns,
                                      List<Tag> sessionTags, List<String> transitiveTagKeys,
                                      boolean mfaAuthenticated, boolean chained, int durationSeconds,
                                      Instant occurredAt) implements RoleCommand {
    public IssueRoleSessionCommand {
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        Objects.requireNonNull(sessionPolicy, "sessionPolicy");
        sessionPolicyArns = List.copyOf(sessionPolicyArns);
        sessionTags = List.copyOf(sessionTags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }
}
