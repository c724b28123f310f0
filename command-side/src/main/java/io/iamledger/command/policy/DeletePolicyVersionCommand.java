package io.iamledger.command.policy;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeletePolicyVersion: never the default version. */
public record DeletePolicyVersionCommand(String accountId, @TargetAggregateIdentifier String policyId, String policyArn,
                                         String versionId, Instant occurredAt) implements PolicyCommand {
}
