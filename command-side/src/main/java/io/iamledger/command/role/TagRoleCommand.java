package io.iamledger.command.role;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** TagRole: adds tags, replacing those whose key (case-insensitively) the role already has. */
public record TagRoleCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                             List<Tag> tags, Instant occurredAt) implements RoleCommand {
    public TagRoleCommand {
        tags = List.copyOf(tags);
    }
}
