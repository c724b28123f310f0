package io.iamledger.command.mfa;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CreateVirtualMFADevice. The edge makes the device id and the seed; the seed never enters a command.
 *
 * @param serialNumber the device's ARN, from the account, path and name
 */
public record CreateVirtualMfaDeviceCommand(String accountId, @TargetAggregateIdentifier String deviceId,
                                            String serialNumber, String deviceName, String path, List<Tag> tags,
                                            Instant occurredAt) {
    public CreateVirtualMfaDeviceCommand {
        tags = List.copyOf(tags);
    }
}
