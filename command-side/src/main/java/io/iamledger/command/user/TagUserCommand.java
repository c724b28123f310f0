package io.iamledger.command.user;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** TagUser: adds tags, replacing those whose key (case-insensitively) the user already has. */
public record TagUserCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                             List<Tag> tags, Instant occurredAt) implements UserCommand {
    public TagUserCommand {
        tags = List.copyOf(tags);
    }
}
