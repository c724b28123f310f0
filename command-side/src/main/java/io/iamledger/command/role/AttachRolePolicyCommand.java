package io.iamledger.command.role;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** AttachRolePolicy. Attaching an attached policy again succeeds and changes nothing. */
public record AttachRolePolicyCommand(String accountId, @TargetAggregateIdentifier String roleId, String roleName,
                                      String policyArn, Instant occurredAt) implements RoleCommand {
}
