package io.iamledger.command.oidc;

import io.iamledger.command.EntityCommand;

/** A command addressed to an existing provider, named by its ARN. */
public interface OpenIdConnectProviderCommand extends EntityCommand {

    String accountId();

    String arn();

    @Override
    default String noSuchEntityMessage() {
        return OpenIdConnectProviderAggregate.noSuchProvider(arn());
    }
}
