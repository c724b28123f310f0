package io.iamledger.command.mfa;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteVirtualMFADevice: refused while the device is enabled for a user. */
public record DeleteVirtualMfaDeviceCommand(String accountId, @TargetAggregateIdentifier String deviceId,
                                            String serialNumber, Instant occurredAt) implements MfaDeviceCommand {
}
