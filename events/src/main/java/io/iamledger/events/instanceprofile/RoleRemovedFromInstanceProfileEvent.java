package io.iamledger.events.instanceprofile;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** A role was taken out of an instance profile. */
public record RoleRemovedFromInstanceProfileEvent(String accountId, String instanceProfileId,
                                                  String instanceProfileName, String roleId, String roleName,
                                                  Instant occurredAt) implements IamEvent {
}
