package io.iamledger.infra.api;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;

/**
 * The authenticated principal of a request: its account, identity (root or an IAM user) and the access key it
 * signed with. Never holds a secret.
 */
public record Caller(String accountId, IdentityRef identity, String accessKeyId) {

    public boolean isRoot() {
        return identity.kind() == IdentityKind.ROOT;
    }

    /** The caller's ARN as GetCallerIdentity and AccessDenied messages show it. */
    public String arn(String userPath) {
        return (isRoot() ? Arn.root(accountId) : Arn.user(accountId, userPath, identity.name())).toString();
    }

    /** The caller's unique id: the account id for the root, else the user id. */
    public String userId() {
        return isRoot() ? accountId : identity.id();
    }
}
