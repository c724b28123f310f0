package io.iamledger.events.mfa;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;

/**
 * A virtual MFA device was created, not yet assigned to anyone.
 *
 * @param deviceId     the device's internal id (AWS shows none): a deleted device's serial number can be used again
 * @param serialNumber the device's ARN, {@code arn:aws:iam::<account>:mfa<path><name>}, unique in the account
 */
public record VirtualMfaDeviceCreatedEvent(String accountId, String deviceId, String serialNumber,
                                           String deviceName, String path, List<Tag> tags,
                                           Instant occurredAt) implements IamEvent {
    public VirtualMfaDeviceCreatedEvent {
        tags = List.copyOf(tags);
    }
}
