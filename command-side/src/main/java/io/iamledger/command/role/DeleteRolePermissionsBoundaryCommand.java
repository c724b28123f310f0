package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteRolePermissionsBoundary; succeeds and changes nothing when the role has none. */
public record DeleteRolePermissionsBoundaryCommand(String accountId, @TargetAggregateIdentifier String roleId,
                                                   String roleName, Instant occurredAt) implements RoleCommand {
}
