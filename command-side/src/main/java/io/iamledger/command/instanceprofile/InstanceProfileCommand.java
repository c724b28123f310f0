package io.iamledger.command.instanceprofile;

import io.iamledger.command.EntityCommand;

/** A command addressed to an existing instance profile, named by the caller. */
public interface InstanceProfileCommand extends EntityCommand {

    String accountId();

    String instanceProfileName();

    @Override
    default String noSuchEntityMessage() {
        return InstanceProfileAggregate.noSuchInstanceProfile(instanceProfileName());
    }
}
