package io.iamledger.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.PermissionsBoundaryDeletedEvent;
import io.iamledger.events.identity.PermissionsBoundaryPutEvent;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.identity.TagsAddedEvent;
import io.iamledger.events.identity.TagsRemovedEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The part of a user or role aggregate that AWS treats alike for both: besides the policies of any
 * {@link IdentityAggregate}, a permissions boundary and tags ({@link Tags}). Users and roles are the identities that
 * act as principals; groups have neither boundary nor tags. Subclassed, and snapshotted, as
 * {@link IdentityAggregate} is.
 */
public abstract class PrincipalAggregate extends IdentityAggregate {
    /** The boundary policy's ARN, {@code null} when there is none. */
    private String permissionsBoundaryArn;
    private Map<String, Tag> tags = new LinkedHashMap<>();

    /**
     * Sets the permissions boundary; setting the current one again does nothing.
     *
     * @throws IamException NoSuchEntity for an unknown policy
     */
    protected final void putBoundary(EntityRegistry registry, String boundaryArn, Instant occurredAt) {
        ManagedPolicies.checkExists(registry, accountId(), boundaryArn);
        if (boundaryArn.equals(permissionsBoundaryArn)) {
            return;
        }
        apply(new PermissionsBoundaryPutEvent(accountId(), identity(), boundaryArn, occurredAt));
    }

    /** Removes the permissions boundary; without one it does nothing. */
    protected final void deleteBoundary(Instant occurredAt) {
        if (permissionsBoundaryArn == null) {
            return;
        }
        apply(new PermissionsBoundaryDeletedEvent(accountId(), identity(), occurredAt));
    }

    /**
     * Adds tags, replacing those with the same key; no tags do nothing.
     *
     * @throws IamException as {@link Tags#checkAdd}
     */
    protected final void tag(List<Tag> newTags, Instant occurredAt) {
        Tags.checkAdd(tags, newTags, identity().kind());
        if (newTags.isEmpty()) {
            return;
        }
        apply(new TagsAddedEvent(accountId(), identity(), newTags, occurredAt));
    }

    /**
     * Removes the tags with the given keys; keys it does not hold are ignored, and if it holds none nothing happens.
     *
     * @throws IamException as {@link Tags#checkRemove}
     */
    protected final void untag(List<String> tagKeys, Instant occurredAt) {
        Tags.checkRemove(tagKeys);
        List<String> held = Tags.held(tags, tagKeys);
        if (held.isEmpty()) {
            return;
        }
        apply(new TagsRemovedEvent(accountId(), identity(), held, occurredAt));
    }

    /** For the subclass's creation event, which carries the initial boundary and tags. */
    protected final void assignBoundaryAndTags(Optional<String> boundaryArn, List<Tag> initialTags) {
        permissionsBoundaryArn = boundaryArn.orElse(null);
        Tags.put(tags, initialTags);
    }

    @EventSourcingHandler
    void on(PermissionsBoundaryPutEvent event) {
        permissionsBoundaryArn = event.boundaryArn();
    }

    @EventSourcingHandler
    void on(PermissionsBoundaryDeletedEvent event) {
        permissionsBoundaryArn = null;
    }

    @EventSourcingHandler
    void on(TagsAddedEvent event) {
        Tags.put(tags, event.tags());
    }

    @EventSourcingHandler
    void on(TagsRemovedEvent event) {
        Tags.remove(tags, event.tagKeys());
    }
}
