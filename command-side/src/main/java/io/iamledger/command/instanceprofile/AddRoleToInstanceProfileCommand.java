package io.iamledger.command.instanceprofile;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** AddRoleToInstanceProfile; the aggregate resolves the role's name through the registry. */
public record AddRoleToInstanceProfileCommand(String accountId,
                                              @TargetAggregateIdentifier String instanceProfileId,
                                              String instanceProfileName, String roleName, Instant occurredAt)
        implements InstanceProfileCommand {
}
