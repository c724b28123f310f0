package io.iamledger.events.role;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** UpdateAssumeRolePolicy. */
public record RoleTrustPolicyUpdatedEvent(String accountId, String roleId, String roleName, String assumeRolePolicyDocument, Instant occurredAt) implements IamEvent {
}
