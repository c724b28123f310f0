package io.iamledger.command.policy;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CreatePolicyVersion: adds the next version (v2, v3, …; ids are never reused), optionally as the default. The edge has
 * validated the document and passes its AWS size (characters, whitespace not counted).
 */
public record CreatePolicyVersionCommand(String accountId, @TargetAggregateIdentifier String policyId, String policyArn,
                                         String policyDocument, int policySize, boolean setAsDefault,
                                         Instant occurredAt) implements PolicyCommand {
}
