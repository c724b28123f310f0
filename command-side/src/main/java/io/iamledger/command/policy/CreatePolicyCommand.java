package io.iamledger.command.policy;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CreatePolicy: a customer managed policy whose document becomes version v1, the default; claims the policy's ARN
 * in the account. The edge has validated the document and passes its AWS size (characters, whitespace not
 * counted).
 */
public record CreatePolicyCommand(String accountId, @TargetAggregateIdentifier String policyId, String policyName,
                                  String path, Optional<String> description, String policyDocument, int policySize,
                                  Instant occurredAt) {
}
