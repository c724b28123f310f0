package io.iamledger.command.instanceprofile;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteInstanceProfileCommand(String accountId, @TargetAggregateIdentifier String instanceProfileId,
                                           String instanceProfileName, Instant occurredAt)
        implements InstanceProfileCommand {
}
