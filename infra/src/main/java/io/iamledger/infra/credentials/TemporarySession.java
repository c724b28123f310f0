package io.iamledger.infra.credentials;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A session behind temporary credentials, as its sealed session token carries it: whose session it is, until when,
 * and what limits it. The server keeps no table of sessions: a request signed with an {@code ASIA…} key is
 * verified with the secret and session read from its own token, which only this server's key opens.
 *
 * @param accessKeyId     the temporary access key id ({@code ASIA…})
 * @param accountId       the account the session acts in: the role's, or the user's for GetSessionToken
 * @param identity        the role (AssumeRole), or the user or root (GetSessionToken)
 * @param roleArn         an assumed role's ARN, with its path; empty for GetSessionToken
 * @param sessionName     an assumed role's session name; empty for GetSessionToken
 * @param trustDigest     an assumed role's trust policy digest when the session was issued: a changed trust policy
 *                        ends the session; empty for GetSessionToken
 * @param issuedAt        when the credentials were issued ({@code aws:TokenIssueTime})
 * @param expiration      when they stop working
 * @param sourceIdentity  the source identity set on the session or inherited through chaining
 * @param sessionPolicy   the inline session policy passed to AssumeRole
 * @param policyArns      the managed session policies passed to AssumeRole
 * @param tags            session tags (key → value, as given), including those inherited as transitive
 * @param transitiveKeys  the tag keys that pass on to sessions this one assumes
 * @param mfaAuthenticated whether MFA was presented when the credentials were issued
 * @param issuerArn       who asked for the credentials
 */
public record TemporarySession(String accessKeyId, String accountId, IdentityRef identity, Optional<String> roleArn,
                               Optional<String> sessionName, Optional<String> trustDigest, Instant issuedAt,
                               Instant expiration, Optional<String> sourceIdentity, Optional<String> sessionPolicy,
                               List<String> policyArns, Map<String, String> tags, List<String> transitiveKeys,
                               boolean mfaAuthenticated, String issuerArn) {
    public TemporarySession {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(issuerArn, "issuerArn");
        policyArns = List.copyOf(policyArns);
        tags = Map.copyOf(tags);
        transitiveKeys = List.copyOf(transitiveKeys);
        if ((identity.kind() == IdentityKind.ROLE) != (roleArn.isPresent() && sessionName.isPresent() && trustDigest.isPresent())) {
            throw new IllegalArgumentException("a role session, and only one, has a role ARN, session name and trust"
                    + " digest");
        }
    }

    /** Whether the credentials came from AssumeRole (else from GetSessionToken). */
    public boolean isRoleSession() {
        return identity.kind() == IdentityKind.ROLE;
    }

    /** {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}; for GetSessionToken, the user's or root's ARN. */
    public String arn() {
        return isRoleSession() ? Arn.assumedRole(accountId, identity.name(), sessionName.orElseThrow()).toString()
                : issuerArn;
    }

    /** {@code AROA…:SESSION}, as GetCallerIdentity and CloudTrail's principalId show a role session. */
    public String principalId() {
        return isRoleSession() ? identity.id() + ":" + sessionName.orElseThrow() : identity.id();
    }

    @Override
    public String toString() {
        return "TemporarySession[" + accessKeyId + ", " + arn() + ", until " + expiration + "]";
    }
}
