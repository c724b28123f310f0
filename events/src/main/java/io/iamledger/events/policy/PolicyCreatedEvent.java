package io.iamledger.events.policy;

import io.iamledger.events.IamEvent;
import java.util.Optional;
import java.time.Instant;

/** CreatePolicy: a customer managed policy with version v1 as its default. */
public record PolicyCreatedEvent(String accountId, String policyId, String policyName, String path, String arn, Optional<String> description, String policyDocument, Instant occurredAt) implements IamEvent {
}
