package io.iamledger.events.mfa;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** An unassigned virtual MFA device was deleted, with its seed. */
public record VirtualMfaDeviceDeletedEvent(String accountId, String deviceId, String serialNumber,
                                           Instant occurredAt)
        implements IamEvent {
}
