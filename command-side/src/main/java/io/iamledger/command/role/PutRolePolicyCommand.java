package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * PutRolePolicy: creates or replaces an inline policy. The edge has validated the document and passes its AWS size
 * (characters, whitespace not counted).
 */
public record PutRolePolicyCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                   String policyName, String policyDocument, int policySize,
                                   Instant occurredAt) implements RoleCommand {
}
