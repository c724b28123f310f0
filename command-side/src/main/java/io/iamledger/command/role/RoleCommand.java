package io.iamledger.command.role;

import io.iamledger.command.EntityCommand;

/**
 * A command addressed to an existing role of an account, named as the caller named it. The role aggregate
 * refuses it with NoSuchEntity when the role no longer has that name in that account.
 */
public interface RoleCommand extends EntityCommand {

    String accountId();

    String roleName();

    @Override
    default String noSuchEntityMessage() {
        return "The role with name " + roleName() + " cannot be found.";
    }
}
