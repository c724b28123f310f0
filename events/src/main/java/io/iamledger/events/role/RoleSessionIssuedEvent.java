package io.iamledger.events.role;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AssumeRole issued temporary credentials for the role: who held the role, under which session name, from when
 * until when, limited by which session policies. Belongs to the role's account; the issuer may be in another. The
 * secret access key and the session token are never part of it, only the temporary access key id.
 *
 * @param issuerArn         the caller of AssumeRole: an IAM user's ARN, or an assumed-role session's (chaining)
 * @param issuerAccountId   the issuer's account
 * @param sessionPolicy     the inline session policy as submitted, if one was
 * @param sessionPolicyArns the managed policies passed as session policies
 * @param transitiveTagKeys the session tag keys that pass on to sessions this one assumes
 * @param mfaAuthenticated  whether the issuer's credentials were MFA-authenticated
 */
public record RoleSessionIssuedEvent(String accountId, String roleId, String roleName, String roleArn,
                                     String sessionName, String sessionArn, String accessKeyId, String issuerArn,
                                     String issuerAccountId, Optional<String> sourceIdentity,
                                     Optional<String> sessionPolicy, List<String> sessionPolicyArns,
                                     List<Tag> sessionTags, List<String> transitiveTagKeys, boolean mfaAuthenticated,
                                     Instant expiration, Instant occurredAt) implements IamEvent {
    public RoleSessionIssuedEvent {
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        Objects.requireNonNull(sessionPolicy, "sessionPolicy");
        sessionPolicyArns = List.copyOf(sessionPolicyArns);
        sessionTags = List.copyOf(sessionTags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    /** A session is read from its sealed token, not from the state authorization caches. */
    @Override
    public boolean changesAuthorization() {
        return false;
    }
}
