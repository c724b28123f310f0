package io.iamledger.events.instanceprofile;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;

/**
 * An instance profile was created, holding no role yet.
 *
 * @param instanceProfileId AWS's unique id, {@code AIPA…}
 * @param arn               {@code arn:aws:iam::<account>:instance-profile<path><name>}
 */
public record InstanceProfileCreatedEvent(String accountId, String instanceProfileId, String instanceProfileName,
                                          String path, String arn, List<Tag> tags, Instant occurredAt)
        implements IamEvent {
    public InstanceProfileCreatedEvent {
        tags = List.copyOf(tags);
    }
}
