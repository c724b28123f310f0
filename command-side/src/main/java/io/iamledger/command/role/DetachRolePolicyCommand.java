package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DetachRolePolicy. */
public record DetachRolePolicyCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                      String policyArn, Instant occurredAt) implements RoleCommand {
}
