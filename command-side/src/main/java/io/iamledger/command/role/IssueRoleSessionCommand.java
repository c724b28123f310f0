package io.iamledger.command.role;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * AssumeRole, once the edge has authenticated the caller, checked the trust and identity policies and validated
 * the parameters: records that a session of the role was issued. The session is an aggregate of its own,
 * identified by its temporary access key id, so the sessions of one role are issued side by side; the role's
 * ARN and maximum session duration come with the command, as the edge read them from the read model that the
 * trust policy was decided on.
 *
 * @param roleMaxSessionDuration the role's MaxSessionDuration, in seconds
 * @param chained                whether the issuer is itself a role session (role chaining: at most one hour)
 */
public record IssueRoleSessionCommand(String accountId, String roleId, String roleName, String roleArn,
                                      int roleMaxSessionDuration, String sessionName,
                                      @TargetAggregateIdentifier String accessKeyId, String issuerArn,
                                      String issuerAccountId, Optional<String> sourceIdentity,
                                      Optional<String> sessionPolicy, List<String> sessionPolicyArns,
                                      List<Tag> sessionTags, List<String> transitiveTagKeys,
                                      boolean mfaAuthenticated, boolean chained, int durationSeconds,
                                      Instant occurredAt) {
    public IssueRoleSessionCommand {
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        Objects.requireNonNull(sessionPolicy, "sessionPolicy");
        sessionPolicyArns = List.copyOf(sessionPolicyArns);
        sessionTags = List.copyOf(sessionTags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }
}
