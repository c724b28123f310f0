package io.iamledger.events.instanceprofile;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** An instance profile without a role was deleted. */
public record InstanceProfileDeletedEvent(String accountId, String instanceProfileId, String instanceProfileName,
                                          Instant occurredAt) implements IamEvent {
}
