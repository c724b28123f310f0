package io.iamledger.events.mfa;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.IdentityRef;
import java.time.Instant;

/** A virtual MFA device was removed from the user it was enabled for; it still exists, unassigned. */
public record MfaDeviceDeactivatedEvent(String accountId, String deviceId, String serialNumber, IdentityRef user,
                                        Instant occurredAt)
        implements IamEvent {
}
