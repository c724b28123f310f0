package io.iamledger.infra.api;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.infra.credentials.TemporarySession;
import java.util.Objects;
import java.util.Optional;

/**
 * The authenticated principal of a request: its account, identity (root, an IAM user, or the role of an assumed-role
 * session), the access key it signed with, and for temporary credentials the session they belong to. Never holds a
 * secret.
 */
public record Caller(String accountId, IdentityRef identity, String accessKeyId, Optional<TemporarySession> session) {
    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(session, "session");
    }

    /** A caller signing with a long-term access key. */
    public Caller(String accountId, IdentityRef identity, String accessKeyId) {
        this(accountId, identity, accessKeyId, Optional.empty());
    }

    public boolean isRoot() {
        return identity.kind() == IdentityKind.ROOT;
    }

    /** Whether the caller signs with the credentials of an assumed role. */
    public boolean isRoleSession() {
        return session.map(TemporarySession::isRoleSession).orElse(false);
    }

    /** The caller's ARN as GetCallerIdentity and AccessDenied messages show it. */
    public String arn(String userPath) {
        if (isRoleSession()) {
            return session.get().arn();
        }
        return (isRoot() ? Arn.root(accountId) : Arn.user(accountId, userPath, identity.name())).toString();
    }

    /** The caller's unique id: the account id for the root, {@code AROA…:SESSION} for a role session, else the user id. */
    public String userId() {
        if (isRoleSession()) {
            return session.get().principalId();
        }
        return isRoot() ? accountId : identity.id();
    }
}
