package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteRole: only once the role has no inline or attached policies. */
public record DeleteRoleCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                Instant occurredAt) implements RoleCommand {
}
