package io.iamledger.command.instanceprofile;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveRoleFromInstanceProfileCommand(String accountId,
                                                   @TargetAggregateIdentifier String instanceProfileId,
                                                   String instanceProfileName, String roleName, Instant occurredAt)
        implements InstanceProfileCommand {
}
