package io.iamledger.query.readmodel;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A virtual MFA device as {@code ListVirtualMFADevices} shows it: its serial number, the user it is enabled for
 * (if any) and its tags. Never the seed.
 */
public record VirtualMfaDevice(String serialNumber, Instant createDate, Optional<Assignment> assignment,
                               List<Tag> tags) {
    public VirtualMfaDevice {
        tags = List.copyOf(tags);
    }

    /** The user a device is enabled for, as the user is now named, and since when. */
    public record Assignment(String userId, String userName, String path, String arn, Instant userCreateDate,
                             Instant enableDate) {}
}
