package io.iamledger.command.user;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UntagUser: removes tags by key, case-insensitively; keys the user does not have are ignored. */
public record UntagUserCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                               List<String> tagKeys, Instant occurredAt) implements UserCommand {
    public UntagUserCommand {
        tagKeys = List.copyOf(tagKeys);
    }
}
