package io.iamledger.command.user;

import io.iamledger.command.EntityCommand;

/**
 * A command addressed to an existing user of an account, named as the caller named it. The user aggregate refuses
 * it with NoSuchEntity when the user no longer has that name in that account.
 */
public interface UserCommand extends EntityCommand {

    String accountId();

    String userName();

    @Override
    default String noSuchEntityMessage() {
        return "The user with name " + userName() + " cannot be found.";
    }
}
