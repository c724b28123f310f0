package io.iamledger.infra.authz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of {@code SimulatePrincipalPolicy} and {@code SimulateCustomPolicy}, as the wire carries it (the
 * simulator validates it). Immutable; no component is null.
 *
 * @param accountId                 the calling account, which owns the simulated principal
 * @param policySourceArn           SimulatePrincipalPolicy: the user, group or role whose policies are simulated;
 *                                  empty for SimulateCustomPolicy
 * @param policyInputs              identity-based policy documents to add ({@code PolicyInputList})
 * @param permissionsBoundaryInputs at most one boundary document, replacing the source's boundary
 * @param actionNames               the actions to simulate, {@code service:Action}, no wildcards
 * @param resourceArns              the resources; empty for {@code *}
 * @param resourcePolicy            a resource-based policy every resource is treated as having
 * @param resourceOwner             the account owning resources whose ARN names none (an account id or
 *                                  {@code arn:aws:iam::ACCOUNT:root})
 * @param callerArn                 the IAM user simulated as the caller
 * @param contextEntries            the request context
 */
public record SimulationRequest(String accountId, Optional<String> policySourceArn, List<String> policyInputs,
                                List<String> permissionsBoundaryInputs, List<String> actionNames,
                                List<String> resourceArns, Optional<String> resourcePolicy,
                                Optional<String> resourceOwner, Optional<String> callerArn,
                                List<ContextEntry> contextEntries) {
    public SimulationRequest {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(policySourceArn, "policySourceArn");
        policyInputs = List.copyOf(policyInputs);
        permissionsBoundaryInputs = List.copyOf(permissionsBoundaryInputs);
        actionNames = List.copyOf(actionNames);
        resourceArns = List.copyOf(resourceArns);
        Objects.requireNonNull(resourcePolicy, "resourcePolicy");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        Objects.requireNonNull(callerArn, "callerArn");
        contextEntries = List.copyOf(contextEntries);
    }

    /**
     * One {@code ContextEntries} member.
     *
     * @param keyName the condition key, e.g. {@code aws:SourceIp}
     * @param values  its values as text
     * @param type    the wire type ({@code string}, {@code stringList}, {@code numeric}, ... {@code dateList}); when
     *                absent, {@code string} for one value and {@code stringList} otherwise
     */
    public record ContextEntry(String keyName, List<String> values, Optional<String> type) {
        public ContextEntry {
            Objects.requireNonNull(keyName, "keyName");
            values = List.copyOf(values);
            Objects.requireNonNull(type, "type");
        }
    }
}
