package io.iamledger.events.codec;

import io.iamledger.events.IamEvent;
import io.iamledger.events.account.AccountCreatedEvent;
import io.iamledger.events.account.AccountPasswordPolicyDeletedEvent;
import io.iamledger.events.account.AccountPasswordPolicyUpdatedEvent;
import io.iamledger.events.group.GroupCreatedEvent;
import io.iamledger.events.group.GroupDeletedEvent;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatusChangedEvent;
import io.iamledger.events.identity.InlinePolicyDeletedEvent;
import io.iamledger.events.identity.InlinePolicyPutEvent;
import io.iamledger.events.identity.ManagedPolicyAttachedEvent;
import io.iamledger.events.identity.ManagedPolicyDetachedEvent;
import io.iamledger.events.identity.PermissionsBoundaryDeletedEvent;
import io.iamledger.events.identity.PermissionsBoundaryPutEvent;
import io.iamledger.events.identity.TagsAddedEvent;
import io.iamledger.events.identity.TagsRemovedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileCreatedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileDeletedEvent;
import io.iamledger.events.instanceprofile.RoleAddedToInstanceProfileEvent;
import io.iamledger.events.instanceprofile.RoleRemovedFromInstanceProfileEvent;
import io.iamledger.events.mfa.MfaDeviceDeactivatedEvent;
import io.iamledger.events.mfa.MfaDeviceEnabledEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceCreatedEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceDeletedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderCreatedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderDeletedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderUpdatedEvent;
import io.iamledger.events.policy.PolicyCreatedEvent;
import io.iamledger.events.policy.PolicyDefaultVersionSetEvent;
import io.iamledger.events.policy.PolicyDeletedEvent;
import io.iamledger.events.policy.PolicyVersionCreatedEvent;
import io.iamledger.events.policy.PolicyVersionDeletedEvent;
import io.iamledger.events.role.RoleCreatedEvent;
import io.iamledger.events.role.RoleDeletedEvent;
import io.iamledger.events.role.RoleSessionIssuedEvent;
import io.iamledger.events.role.RoleTrustPolicyUpdatedEvent;
import io.iamledger.events.role.RoleUpdatedEvent;
import io.iamledger.events.user.LoginProfileCreatedEvent;
import io.iamledger.events.user.LoginProfileDeletedEvent;
import io.iamledger.events.user.LoginProfileUpdatedEvent;
import io.iamledger.events.user.UserAddedToGroupEvent;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.events.user.UserDeletedEvent;
import io.iamledger.events.user.UserRemovedFromGroupEvent;
import io.iamledger.events.user.UserUpdatedEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wire names and schema versions of every event type. Names are written out rather than derived from class
 * names so that a refactoring never changes what consumers outside this repository read. A new field that old
 * readers can ignore keeps the version; anything else bumps it and adds an upcaster.
 */
public final class EventTypes {

    /** A registered event type: its stable wire name, current schema version and Java class. */
    public record EventType(String name, int schemaVersion, Class<? extends IamEvent> javaType) {}

    private static final Map<String, EventType> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();

    static {
        register("AccountCreated", 1, AccountCreatedEvent.class);
        register("UserCreated", 1, UserCreatedEvent.class);
        register("UserUpdated", 1, UserUpdatedEvent.class);
        register("UserDeleted", 1, UserDeletedEvent.class);
        register("UserAddedToGroup", 1, UserAddedToGroupEvent.class);
        register("UserRemovedFromGroup", 1, UserRemovedFromGroupEvent.class);
        register("GroupCreated", 1, GroupCreatedEvent.class);
        register("GroupDeleted", 1, GroupDeletedEvent.class);
        register("RoleCreated", 1, RoleCreatedEvent.class);
        register("RoleUpdated", 1, RoleUpdatedEvent.class);
        register("RoleTrustPolicyUpdated", 1, RoleTrustPolicyUpdatedEvent.class);
        register("RoleDeleted", 1, RoleDeletedEvent.class);
        register("PolicyCreated", 1, PolicyCreatedEvent.class);
        register("PolicyVersionCreated", 1, PolicyVersionCreatedEvent.class);
        register("PolicyDefaultVersionSet", 1, PolicyDefaultVersionSetEvent.class);
        register("PolicyVersionDeleted", 1, PolicyVersionDeletedEvent.class);
        register("PolicyDeleted", 1, PolicyDeletedEvent.class);
        register("ManagedPolicyAttached", 1, ManagedPolicyAttachedEvent.class);
        register("ManagedPolicyDetached", 1, ManagedPolicyDetachedEvent.class);
        register("InlinePolicyPut", 1, InlinePolicyPutEvent.class);
        register("InlinePolicyDeleted", 1, InlinePolicyDeletedEvent.class);
        register("PermissionsBoundaryPut", 1, PermissionsBoundaryPutEvent.class);
        register("PermissionsBoundaryDeleted", 1, PermissionsBoundaryDeletedEvent.class);
        register("TagsAdded", 1, TagsAddedEvent.class);
        register("TagsRemoved", 1, TagsRemovedEvent.class);
        register("AccessKeyCreated", 1, AccessKeyCreatedEvent.class);
        register("AccessKeyStatusChanged", 1, AccessKeyStatusChangedEvent.class);
        register("AccessKeyDeleted", 1, AccessKeyDeletedEvent.class);
        register("AccessKeyRotated", 1, AccessKeyRotatedEvent.class);
        register("RoleSessionIssued", 1, RoleSessionIssuedEvent.class);
        register("VirtualMfaDeviceCreated", 1, VirtualMfaDeviceCreatedEvent.class);
        register("MfaDeviceEnabled", 1, MfaDeviceEnabledEvent.class);
        register("MfaDeviceDeactivated", 1, MfaDeviceDeactivatedEvent.class);
        register("VirtualMfaDeviceDeleted", 1, VirtualMfaDeviceDeletedEvent.class);
        register("InstanceProfileCreated", 1, InstanceProfileCreatedEvent.class);
        register("InstanceProfileDeleted", 1, InstanceProfileDeletedEvent.class);
        register("RoleAddedToInstanceProfile", 1, RoleAddedToInstanceProfileEvent.class);
        register("RoleRemovedFromInstanceProfile", 1, RoleRemovedFromInstanceProfileEvent.class);
        register("OpenIdConnectProviderCreated", 1, OpenIdConnectProviderCreatedEvent.class);
        register("OpenIdConnectProviderUpdated", 1, OpenIdConnectProviderUpdatedEvent.class);
        register("OpenIdConnectProviderDeleted", 1, OpenIdConnectProviderDeletedEvent.class);
        register("LoginProfileCreated", 1, LoginProfileCreatedEvent.class);
        register("LoginProfileUpdated", 1, LoginProfileUpdatedEvent.class);
        register("LoginProfileDeleted", 1, LoginProfileDeletedEvent.class);
        register("AccountPasswordPolicyUpdated", 1, AccountPasswordPolicyUpdatedEvent.class);
        register("AccountPasswordPolicyDeleted", 1, AccountPasswordPolicyDeletedEvent.class);
    }

    private EventTypes() {}

    private static void register(String name, int version, Class<? extends IamEvent> type) {
        EventType eventType = new EventType(name, version, type);
        if (BY_NAME.put(name, eventType) != null || BY_CLASS.put(type, eventType) != null) {
            throw new IllegalStateException("event type registered twice: " + name);
        }
    }

    /** Every registered type, in registration order. */
    public static Collection<EventType> all() {
        return BY_NAME.values();
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** @throws IllegalArgumentException for a class that is not a registered event type */
    public static EventType of(Class<?> type) {
        EventType eventType = BY_CLASS.get(type);
        if (eventType == null) {
            throw new IllegalArgumentException("not a registered event type: " + type.getName());
        }
        return eventType;
    }
}
