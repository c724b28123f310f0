package io.iamledger.command.mfa;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * EnableMFADevice, once the edge has checked the two consecutive codes against the device's seed.
 *
 * @param userId the id the edge resolved {@code userName} to; the aggregate checks it still has that name
 */
public record EnableMfaDeviceCommand(String accountId, @TargetAggregateIdentifier String deviceId,
                                     String serialNumber, String userId, String userName, Instant occurredAt)
        implements MfaDeviceCommand {
}
