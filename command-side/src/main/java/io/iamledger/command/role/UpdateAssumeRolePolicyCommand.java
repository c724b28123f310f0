package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * UpdateAssumeRolePolicy: replaces the trust policy. The edge has validated the document and passes its AWS size
 * (characters, whitespace not counted).
 */
public record UpdateAssumeRolePolicyCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                            String policyDocument, int policySize,
                                            Instant occurredAt) implements RoleCommand {
}
