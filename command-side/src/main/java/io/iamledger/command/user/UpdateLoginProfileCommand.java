package io.iamledger.command.user;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * UpdateLoginProfile, or the user's own ChangePassword (a new password, no reset required any more).
 *
 * @param passwordResetRequired the new requirement; empty keeps the current one
 * @param passwordChanged       whether a new password was set (the edge holds it)
 */
public record UpdateLoginProfileCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                        Optional<Boolean> passwordResetRequired, boolean passwordChanged,
                                        Instant occurredAt) implements UserCommand {
}
