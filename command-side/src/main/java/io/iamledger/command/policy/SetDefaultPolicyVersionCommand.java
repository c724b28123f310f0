package io.iamledger.command.policy;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SetDefaultPolicyVersion. */
public record SetDefaultPolicyVersionCommand(String accountId, @TargetAggregateIdentifier String policyId,
                                             String policyArn, String versionId,
                                             Instant occurredAt) implements PolicyCommand {
}
