package io.iamledger.command.group;

import io.iamledger.command.EntityCommand;

/**
 * A command addressed to an existing group of an account, named as the caller named it. The group aggregate
 * refuses it with NoSuchEntity when the group no longer has that name in that account.
 */
public interface GroupCommand extends EntityCommand {

    String accountId();

    String groupName();

    @Override
    default String noSuchEntityMessage() {
        return "The group with name " + groupName() + " cannot be found.";
    }
}
