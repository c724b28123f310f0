package io.iamledger.command.role;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UntagRole: removes tags by key, case-insensitively; keys the role does not have are ignored. */
public record UntagRoleCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                               List<String> tagKeys, Instant occurredAt) implements RoleCommand {
    public UntagRoleCommand {
        tagKeys = List.copyOf(tagKeys);
    }
}
