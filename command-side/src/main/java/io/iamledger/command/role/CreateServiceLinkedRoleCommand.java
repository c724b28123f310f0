package io.iamledger.command.role;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CreateServiceLinkedRole; the edge makes the role id and the role's {@link ServiceLinkedRoles.Definition}
 * (validated there), and passes the trust policy's AWS size.
 */
public record CreateServiceLinkedRoleCommand(String accountId, @TargetAggregateIdentifier String roleId,
                                             ServiceLinkedRoles.Definition definition, int trustPolicySize,
                                             Optional<String> description, Instant occurredAt) {
}
