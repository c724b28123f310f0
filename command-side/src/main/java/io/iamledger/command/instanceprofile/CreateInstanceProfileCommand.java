package io.iamledger.command.instanceprofile;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** CreateInstanceProfile; the edge makes the id ({@code AIPA…}). */
public record CreateInstanceProfileCommand(String accountId, @TargetAggregateIdentifier String instanceProfileId,
                                           String instanceProfileName, String path, List<Tag> tags,
                                           Instant occurredAt) {
    public CreateInstanceProfileCommand {
        tags = List.copyOf(tags);
    }
}
