package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** CreateLoginProfile, once the edge has checked the password against the policy: the password stays there. */
public record CreateLoginProfileCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                        boolean passwordResetRequired, Instant occurredAt) implements UserCommand {
}
