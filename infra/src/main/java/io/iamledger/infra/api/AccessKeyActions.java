package io.iamledger.infra.api;

import io.iamledger.command.account.CreateRootAccessKeyCommand;
import io.iamledger.command.account.DeleteRootAccessKeyCommand;
import io.iamledger.command.account.RotateRootAccessKeyCommand;
import io.iamledger.command.account.UpdateRootAccessKeyCommand;
import io.iamledger.command.user.CreateAccessKeyCommand;
import io.iamledger.command.user.DeleteAccessKeyCommand;
import io.iamledger.command.user.RotateAccessKeyCommand;
import io.iamledger.command.user.UpdateAccessKeyCommand;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.KeyUsage;
import io.iamledger.infra.credentials.StoredCredential;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import java.util.Optional;

/**
 * Access keys: CreateAccessKey (the secret is returned once, here, and never again), UpdateAccessKey,
 * DeleteAccessKey, and our RotateAccessKey (new active key plus the old one deactivated, atomically). The secret
 * is sealed into the vault in the same transaction as the event, which carries only a fingerprint. Without
 * {@code UserName} a call acts on the caller's own keys, as in AWS (the root's, when the root calls).
 * GetAccessKeyLastUsed answers from {@link KeyUsage}, which notes each signed request without an event.
 */
final class AccessKeyActions {
    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;
    private final CredentialVault vault;
    private final KeyUsage usage;
    private final Authorizer authorizer;

    AccessKeyActions(CommandSender commands, Edge edge, IdGenerator ids, CredentialVault vault, KeyUsage usage,
                     Authorizer authorizer) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
        this.vault = vault;
        this.usage = usage;
        this.authorizer = authorizer;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateAccessKey", this::createAccessKey)
                .write(QueryService.IAM, "UpdateAccessKey", this::updateAccessKey)
                .write(QueryService.IAM, "DeleteAccessKey", this::deleteAccessKey)
                .write(QueryService.IAM, "RotateAccessKey", this::rotateAccessKey)
                .read(QueryService.IAM, "GetAccessKeyLastUsed", this::getAccessKeyLastUsed);
    }

    /** Whose keys a call is about: the named user, or the caller itself. */
    private IdentityRef owner(ApiCall call) {
        Optional<String> userName = call.parameters().optionalString("UserName");
        if (userName.isPresent()) {
            return IdentityRef.user(edge.userId(call.accountId(), userName.get()), userName.get());
        }
        return call.caller().identity();
    }

    private String createAccessKey(ApiCall call) {
        IdentityRef owner = owner(call);
        String accessKeyId = ids.accessKeyId();
        String secret = ids.secretAccessKey();
        String fingerprint = vault.sealer().fingerprint(secret);
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(owner.kind() == IdentityKind.ROOT
                    ? new CreateRootAccessKeyCommand(call.accountId(), accessKeyId, fingerprint, call.receivedAt())
                    : new CreateAccessKeyCommand(call.accountId(), owner.id(), owner.name(), accessKeyId, fingerprint,
                            call.receivedAt()));
            vault.store(call.accountId(), owner, accessKeyId, secret, call.receivedAt());
            return null;
        });
        return call.finish(accessKeyResult(call, owner, accessKeyId, secret));
    }

    private String rotateAccessKey(ApiCall call) {
        IdentityRef owner = owner(call);
        String replaced = call.parameters().requiredString("AccessKeyId");
        String accessKeyId = ids.accessKeyId();
        String secret = ids.secretAccessKey();
        String fingerprint = vault.sealer().fingerprint(secret);
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(owner.kind() == IdentityKind.ROOT
                    ? new RotateRootAccessKeyCommand(call.accountId(), replaced, accessKeyId, fingerprint,
                            call.receivedAt())
                    : new RotateAccessKeyCommand(call.accountId(), owner.id(), owner.name(), replaced, accessKeyId,
                            fingerprint, call.receivedAt()));
            vault.store(call.accountId(), owner, accessKeyId, secret, call.receivedAt());
            vault.updateStatus(replaced, AccessKeyStatus.Inactive);
            return null;
        });
        return call.finish(accessKeyResult(call, owner, accessKeyId, secret));
    }

    private String updateAccessKey(ApiCall call) {
        QueryParameters p = call.parameters();
        IdentityRef owner = owner(call);
        String accessKeyId = p.requiredString("AccessKeyId");
        String statusText = p.requiredString("Status");
        AccessKeyStatus status = AccessKeyStatus.fromWire(statusText).orElseThrow(() -> IamException.validation(
                "1 validation error detected: Value '" + statusText + "' at 'status' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Active, Inactive]"));
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(owner.kind() == IdentityKind.ROOT
                    ? new UpdateRootAccessKeyCommand(call.accountId(), accessKeyId, status, call.receivedAt())
                    : new UpdateAccessKeyCommand(call.accountId(), owner.id(), owner.name(), accessKeyId, status,
                            call.receivedAt()));
            vault.updateStatus(accessKeyId, status);
            return null;
        });
        return call.noResult();
    }

    private String deleteAccessKey(ApiCall call) {
        IdentityRef owner = owner(call);
        String accessKeyId = call.parameters().requiredString("AccessKeyId");
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(owner.kind() == IdentityKind.ROOT
                    ? new DeleteRootAccessKeyCommand(call.accountId(), accessKeyId, call.receivedAt())
                    : new DeleteAccessKeyCommand(call.accountId(), owner.id(), owner.name(), accessKeyId,
                            call.receivedAt()));
            vault.delete(accessKeyId);
            return null;
        });
        return call.noResult();
    }

    /**
     * GetAccessKeyLastUsed: needs iam:GetAccessKeyLastUsed on the key's owner. A key this account does not hold is
     * refused as AWS refuses it, with AccessDenied on "access key ID", whoever asks.
     */
    private String getAccessKeyLastUsed(ApiCall call) {
        String accessKeyId = call.parameters().requiredString("AccessKeyId");
        Optional<StoredCredential> key = vault.find(accessKeyId)
                .filter(credential -> credential.accountId().equals(call.accountId()));
        if (key.isEmpty()) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "User: " + authorizer.principalArn(call.accountId(),
                    call.caller().identity(), call.caller().session()) + " is not authorized to perform: "
                    + "iam:GetAccessKeyLastUsed on resource: access key " + accessKeyId);
        }
        IdentityRef owner = key.get().owner();
        authorizer.authorizePermission(call.access(), "iam:GetAccessKeyLastUsed",
                authorizer.principalArn(call.accountId(), owner));
        XmlResponseWriter out = call.result();
        if (owner.kind() != IdentityKind.ROOT) {
            out.element("UserName", owner.name());
        }
        out.start("AccessKeyLastUsed");
        Optional<KeyUsage.Use> use = usage.lastUsed(accessKeyId);
        if (use.isPresent()) {
            out.element("LastUsedDate", use.get().at())
                    .element("ServiceName", use.get().serviceName())
                    .element("Region", use.get().region());
        } else {
            // AWS's answer for a key never used
            out.element("ServiceName", "N/A").element("Region", "N/A");
        }
        return call.finish(out.end());
    }

    private static XmlResponseWriter accessKeyResult(ApiCall call, IdentityRef owner, String accessKeyId,
                                                     String secret) {
        XmlResponseWriter out = call.result().start("AccessKey");
        if (owner.kind() != IdentityKind.ROOT) {
            out.element("UserName", owner.name());
        }
        return out.element("AccessKeyId", accessKeyId)
                .element("Status", AccessKeyStatus.Active.name())
                .element("SecretAccessKey", secret)
                .element("CreateDate", call.receivedAt())
                .end();
    }
}
