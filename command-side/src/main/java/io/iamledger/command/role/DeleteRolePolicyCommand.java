package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteRolePolicy: removes an inline policy. */
public record DeleteRolePolicyCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                      String policyName, Instant occurredAt) implements RoleCommand {
}
