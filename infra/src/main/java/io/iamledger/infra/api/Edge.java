package io.iamledger.infra.api;

import io.iamledger.command.instanceprofile.InstanceProfileAggregate;
import io.iamledger.command.mfa.VirtualMfaDeviceAggregate;
import io.iamledger.command.oidc.OpenIdConnectProviderAggregate;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.events.document.PolicySize;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.protocol.QueryParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * What every action handler needs at the edge: names resolved to aggregate ids through the command side's
 * registry (so a write never depends on the lagging read model), policy documents validated before they reach a
 * command, and the common parameter shapes.
 */
final class Edge {
    private final EntityRegistry registry;

    Edge(EntityRegistry registry) {
        this.registry = registry;
    }

    String userId(String accountId, String userName) {
        IamNames.check().existingName("userName", userName).orThrow();
        return registry.find(accountId, EntityKind.USER, userName)
                .orElseThrow(() -> IamException.noSuchEntity("The user with name " + userName + " cannot be found."));
    }

    /** A virtual MFA device's id, by its serial number (case-insensitively, as AWS compares names). */
    String mfaDeviceId(String accountId, String serialNumber) {
        IamNames.check().serialNumber("serialNumber", serialNumber).orThrow();
        return registry.find(accountId, EntityKind.MFA_DEVICE, serialNumber).orElseThrow(() ->
                IamException.noSuchEntity(VirtualMfaDeviceAggregate.noSuchDevice(serialNumber)));
    }

    String groupId(String accountId, String groupName) {
        IamNames.check().existingName("groupName", groupName).orThrow();
        return registry.find(accountId, EntityKind.GROUP, groupName)
                .orElseThrow(() -> IamException.noSuchEntity("The group with name " + groupName + " cannot be found."));
    }

    String roleId(String accountId, String roleName) {
        IamNames.check().existingName("roleName", roleName).orThrow();
        return registry.find(accountId, EntityKind.ROLE, roleName)
                .orElseThrow(() -> IamException.noSuchEntity("The role with name " + roleName + " cannot be found."));
    }

    String instanceProfileId(String accountId, String name) {
        IamNames.check().existingName("instanceProfileName", name).orThrow();
        return registry.find(accountId, EntityKind.INSTANCE_PROFILE, name).orElseThrow(() ->
                IamException.noSuchEntity(InstanceProfileAggregate.noSuchInstanceProfile(name)));
    }

    String oidcProviderId(String accountId, String arn) {
        IamNames.check().arn("openIDConnectProviderArn", arn).orThrow();
        return registry.find(accountId, EntityKind.OIDC_PROVIDER, arn).orElseThrow(() ->
                IamException.noSuchEntity(OpenIdConnectProviderAggregate.noSuchProvider(arn)));
    }

    String policyId(String accountId, String policyArn) {
        checkPolicyArn(policyArn);
        return registry.find(accountId, EntityKind.POLICY, policyArn)
                .orElseThrow(() -> IamException.noSuchEntity("Policy " + policyArn + " does not exist or is not "
                        + "attachable."));
    }

    /** A managed-policy ARN as IAM accepts it: {@code arn:aws:iam::(ACCOUNT|aws):policy/...}. */
    static void checkPolicyArn(String policyArn) {
        if (policyArn.length() < 20 || policyArn.length() > 2048) {
            throw IamException.invalidInput("ARN " + policyArn + " is not valid.");
        }
        Arn arn = Arn.parse(policyArn);
        if (!arn.partition().equals(Arn.AWS_PARTITION) || !arn.service().equals("iam") || !arn.region().isEmpty()
                || !arn.resource().startsWith("policy/")) {
            throw IamException.invalidInput("ARN " + policyArn + " is not valid.");
        }
    }

    /** Validates an identity (managed, inline, boundary) policy document; returns its AWS size. */
    static int identityPolicy(String document) {
        PolicyDocuments.read(document, PolicyKind.IDENTITY);
        return PolicySize.count(document);
    }

    /** Validates a role trust policy; returns its AWS size. */
    static int trustPolicy(String document) {
        PolicyDocuments.read(document, PolicyKind.TRUST);
        return PolicySize.count(document);
    }

    static List<Tag> tags(QueryParameters parameters) {
        List<Tag> tags = new ArrayList<>();
        for (QueryParameters tag : parameters.structList("Tags")) {
            tags.add(new Tag(tag.requiredString("Key"), tag.optionalString("Value").orElse("")));
        }
        return tags;
    }

    static String path(QueryParameters parameters) {
        return parameters.optionalString("Path").orElse("/");
    }
}
