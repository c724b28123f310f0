package io.iamledger.events.instanceprofile;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** A role was put in an instance profile (its only one: AWS allows one role per instance profile). */
public record RoleAddedToInstanceProfileEvent(String accountId, String instanceProfileId, String instanceProfileName,
                                              String roleId, String roleName, Instant occurredAt)
        implements IamEvent {
}
