package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteServiceLinkedRole: detaches the role's policies and deletes it, as its service would. */
public record DeleteServiceLinkedRoleCommand(String accountId, @TargetAggregateIdentifier String roleId,
                                             String roleName, Instant occurredAt) implements RoleCommand {
}
