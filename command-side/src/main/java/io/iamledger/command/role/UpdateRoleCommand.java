package io.iamledger.command.role;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UpdateRole: a new description and/or maximum session duration (seconds); an absent one stays as it is. */
public record UpdateRoleCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                Optional<String> description, Optional<Integer> maxSessionDuration,
                                Instant occurredAt) implements RoleCommand {
}
