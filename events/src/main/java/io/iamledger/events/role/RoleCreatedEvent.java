package io.iamledger.events.role;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.Tag;
import java.util.List;
import java.util.Optional;
import java.time.Instant;

/** CreateRole. The trust policy is the JSON as submitted (validated); description and boundary absent when not given. */
public record RoleCreatedEvent(String accountId, String roleId, String roleName, String path, String arn, String assumeRolePolicyDocument, Optional<String> description, int maxSessionDuration, Optional<String> permissionsBoundaryArn, List<Tag> tags, Instant occurredAt) implements IamEvent {
    public RoleCreatedEvent {
        tags = List.copyOf(tags);
    }
}
