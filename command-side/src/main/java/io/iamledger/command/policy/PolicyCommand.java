package io.iamledger.command.policy;

import io.iamledger.command.EntityCommand;

/**
 * A command addressed to an existing customer managed policy of an account, named by its ARN as the caller named
 * it. The policy aggregate refuses it with NoSuchEntity when the ARN is not the policy's.
 */
public interface PolicyCommand extends EntityCommand {

    String accountId();

    String policyArn();

    @Override
    default String noSuchEntityMessage() {
        return "Policy " + policyArn() + " was not found.";
    }
}
