package io.iamledger.command.mfa;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * DeactivateMFADevice.
 *
 * @param userName the user the caller named, if any: the device must then be enabled for that user
 */
public record DeactivateMfaDeviceCommand(String accountId, @TargetAggregateIdentifier String deviceId,
                                         String serialNumber, Optional<String> userName, Instant occurredAt)
        implements MfaDeviceCommand {
}
