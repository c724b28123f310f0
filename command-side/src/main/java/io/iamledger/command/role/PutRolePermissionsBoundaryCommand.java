package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PutRolePermissionsBoundary: sets or replaces the managed policy that bounds the role. */
public record PutRolePermissionsBoundaryCommand(String accountId, @TargetAggregateIdentifier String roleId,
                                                String roleName, String permissionsBoundaryArn,
                                                Instant occurredAt) implements RoleCommand {
}
