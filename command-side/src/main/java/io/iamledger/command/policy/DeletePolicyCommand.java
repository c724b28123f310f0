package io.iamledger.command.policy;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeletePolicy: only once it is attached nowhere and has no version but the default; releases the name. */
public record DeletePolicyCommand(String accountId, @TargetAggregateIdentifier String policyId, String policyArn,
                                  Instant occurredAt) implements PolicyCommand {
}
