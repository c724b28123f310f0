package io.iamledger.command.user;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** CreateUser: claims the name in the account; the boundary, when given, must be an existing managed policy. */
public record CreateUserCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                String path, Optional<String> permissionsBoundaryArn, List<Tag> tags,
                                Instant occurredAt) {
    public CreateUserCommand {
        tags = List.copyOf(tags);
    }
}
