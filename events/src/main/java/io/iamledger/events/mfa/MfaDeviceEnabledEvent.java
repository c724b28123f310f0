package io.iamledger.events.mfa;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.IdentityRef;
import java.time.Instant;

/** A virtual MFA device was assigned to a user, after two consecutive codes proved the user holds its seed. */
public record MfaDeviceEnabledEvent(String accountId, String deviceId, String serialNumber, IdentityRef user,
                                    Instant occurredAt)
        implements IamEvent {
}
