package io.iamledger.command.role;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CreateRole: claims the name in the account. The edge has validated the trust policy and passes its AWS size
 * (characters, whitespace not counted); the maximum session duration (seconds) defaults to 3600; the boundary,
 * when given, must be an existing managed policy.
 */
public record CreateRoleCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                String path, String assumeRolePolicyDocument, int assumeRolePolicySize,
                                Optional<String> description, Optional<Integer> maxSessionDuration,
                                Optional<String> permissionsBoundaryArn, List<Tag> tags, Instant occurredAt) {
    public CreateRoleCommand {
        tags = List.copyOf(tags);
    }
}
