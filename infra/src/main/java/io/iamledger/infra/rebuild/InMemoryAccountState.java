package io.iamledger.infra.rebuild;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.EventEnvelope;
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
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.InlinePolicyDeletedEvent;
import io.iamledger.events.identity.InlinePolicyPutEvent;
import io.iamledger.events.identity.ManagedPolicyAttachedEvent;
import io.iamledger.events.identity.ManagedPolicyDetachedEvent;
import io.iamledger.events.identity.PermissionsBoundaryDeletedEvent;
import io.iamledger.events.identity.PermissionsBoundaryPutEvent;
import io.iamledger.events.identity.Tag;
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
import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import io.iamledger.query.awsmanaged.AwsManagedPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The accounts as a replay of the event log builds them in memory, from empty, with no database: the second route
 * to the state {@code TimeTravel.state} reads from the temporal read model. Written from the meaning of the events
 * (and AWS's rules for what an account shows), not from the projector, so that the two routes can catch each
 * other out.
 *
 * <p>Feed it every envelope of the log in increasing global sequence with {@link #apply}; {@link #state} then shows
 * an account as it stands after the last one, in the shape of {@code GetAccountAuthorizationDetails} that
 * {@code TimeTravel.state} uses: users (path, name, id, ARN, create date, inline policies, groups, attached
 * policies, boundary, tags), groups, roles (with their trust policies) and the managed policies (customer managed
 * ones with every version; AWS managed ones, from the built-in catalog, when the account uses them). Lists are in
 * AWS's order: by name case-insensitively (ASCII, then by id or ARN), inline policies by exact name, tags by key
 * case-insensitively, versions newest first. Times are event times truncated to the microsecond, the read model's
 * resolution. Credentials (access keys, MFA devices, login profiles) and the password policy are not part of the
 * state; their events are only checked for order.
 *
 * <p>Not thread-safe; one per replay.
 */
public final class InMemoryAccountState {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String AWS_MANAGED_PREFIX = "arn:aws:iam::aws:policy/";

    private final Map<String, Account> accounts = new TreeMap<>();
    private long lastSequence = -1;

    /** The global sequence of the last envelope applied, -1 before the first. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Every account an applied event belonged to, by id. */
    public SortedSet<String> accounts() {
        return new TreeSet<>(accounts.keySet());
    }

    /**
     * Applies one committed event.
     *
     * @throws IllegalArgumentException when the envelope is not after the last one applied
     * @throws IllegalStateException    when the log is inconsistent: the event changes an entity that does not
     *                                  exist at that point, or creates one that already does
     */
    public void apply(EventEnvelope envelope) {
        if (envelope.globalSequence() <= lastSequence) {
            throw new IllegalArgumentException("envelope " + envelope.globalSequence() + " is not after "
                    + lastSequence + ": a replay applies the log in increasing global sequence");
        }
        lastSequence = envelope.globalSequence();
        IamEvent event = envelope.event();
        Account account = accounts.computeIfAbsent(event.accountId(), id -> new Account());
        try {
            account.apply(event, event.occurredAt().truncatedTo(ChronoUnit.MICROS));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " at sequence "
                    + envelope.globalSequence() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The account as it stands after the last event applied, with {@code at} (the instant the caller replayed up
     * to) as its {@code "at"} member; an account no event mentioned has empty lists.
     */
    public ObjectNode state(String accountId, Instant at) {
        ObjectNode answer = JSON.objectNode().put("account", accountId).put("at", at.toString());
        accounts.getOrDefault(accountId, new Account()).render(answer);
        return answer;
    }

    // ---------------------------------------------------------------------------------------- the model

    /** A user or a role: what both can hold. Groups use the policy parts only. */
    private static final class Identity {
        final String id;
        String name;
        String path;
        String arn;
        final Instant created;
        /** Inline policy documents by exact name, in name order. */
        final Map<String, String> inline = new TreeMap<>();
        final Set<String> attached = new LinkedHashSet<>();
        Optional<String> boundary = Optional.empty();
        /** Tags by key lower-cased, as keys compare case-insensitively; the tag as last written. */
        final Map<String, Tag> tags = new LinkedHashMap<>();
        /** Users only: the ids of the groups the user is in. */
        final Set<String> groupIds = new LinkedHashSet<>();
        /** Roles only. */
        String trustPolicy;

        Identity(String id, String name, String path, String arn, Instant created) {
            this.id = id;
            this.name = name;
            this.path = path;
            this.arn = arn;
            this.created = created;
        }

        void tag(List<Tag> added) {
            for (Tag tag : added) {
                tags.put(tagKey(tag.key()), tag);
            }
        }
    }

    private record Version(String id, String document, Instant created) {}

    private static final class Policy {
        final String id;
        final String name;
        final String path;
        final String arn;
        final Optional<String> description;
        final Instant created;
        /** AWS: when the newest version was created. */
        Instant updated;
        String defaultVersion;
        final Map<String, Version> versions = new HashMap<>();

        Policy(PolicyCreatedEvent e, Instant t) {
            this.id = e.policyId();
            this.name = e.policyName();
            this.path = e.path();
            this.arn = e.arn();
            this.description = e.description();
            this.created = t;
            this.updated = t;
            this.defaultVersion = "v1";
            versions.put("v1", new Version("v1", e.policyDocument(), t));
        }
    }

    private static final class Account {
        final Map<String, Identity> users = new HashMap<>();
        final Map<String, Identity> groups = new HashMap<>();
        final Map<String, Identity> roles = new HashMap<>();
        final Map<String, Policy> policies = new HashMap<>();

        void apply(IamEvent event, Instant t) {
            if (event instanceof AccountCreatedEvent
                    || event instanceof AccessKeyCreatedEvent || event instanceof AccessKeyDeletedEvent
                    || event instanceof AccessKeyStatusChangedEvent || event instanceof AccessKeyRotatedEvent
                    || event instanceof VirtualMfaDeviceCreatedEvent || event instanceof MfaDeviceEnabledEvent
                    || event instanceof MfaDeviceDeactivatedEvent || event instanceof VirtualMfaDeviceDeletedEvent
                    || event instanceof InstanceProfileCreatedEvent || event instanceof InstanceProfileDeletedEvent
                    || event instanceof RoleAddedToInstanceProfileEvent
                    || event instanceof RoleRemovedFromInstanceProfileEvent
                    || event instanceof OpenIdConnectProviderCreatedEvent
                    || event instanceof OpenIdConnectProviderUpdatedEvent
                    || event instanceof OpenIdConnectProviderDeletedEvent
                    || event instanceof LoginProfileCreatedEvent || event instanceof LoginProfileUpdatedEvent
                    || event instanceof LoginProfileDeletedEvent || event instanceof AccountPasswordPolicyUpdatedEvent
                    || event instanceof AccountPasswordPolicyDeletedEvent) {
                return; // no part of the state shown
            }
            if (event instanceof UserCreatedEvent e) {
                Identity user = create(users, "user", new Identity(e.userId(), e.userName(), e.path(), e.arn(), t));
                user.boundary = e.permissionsBoundaryArn();
                user.tag(e.tags());
            } else if (event instanceof UserUpdatedEvent e) {
                Identity user = existing(users, "user", e.userId());
                user.name = e.newUserName();
                user.path = e.newPath();
                user.arn = e.newArn();
            } else if (event instanceof UserDeletedEvent e) {
                existing(users, "user", e.userId());
                users.remove(e.userId());
            } else if (event instanceof UserAddedToGroupEvent e) {
                existing(groups, "group", e.groupId());
                existing(users, "user", e.userId()).groupIds.add(e.groupId());
            } else if (event instanceof UserRemovedFromGroupEvent e) {
                existing(users, "user", e.userId()).groupIds.remove(e.groupId());
            } else if (event instanceof GroupCreatedEvent e) {
                create(groups, "group", new Identity(e.groupId(), e.groupName(), e.path(), e.arn(), t));
            } else if (event instanceof GroupDeletedEvent e) {
                existing(groups, "group", e.groupId());
                groups.remove(e.groupId());
                users.values().forEach(user -> user.groupIds.remove(e.groupId()));
            } else if (event instanceof RoleCreatedEvent e) {
                Identity role = create(roles, "role", new Identity(e.roleId(), e.roleName(), e.path(), e.arn(), t));
                role.trustPolicy = e.assumeRolePolicyDocument();
                role.boundary = e.permissionsBoundaryArn();
                role.tag(e.tags());
            } else if (event instanceof RoleUpdatedEvent e) {
                existing(roles, "role", e.roleId()); // description and session length are not part of the state
            } else if (event instanceof RoleTrustPolicyUpdatedEvent e) {
                existing(roles, "role", e.roleId()).trustPolicy = e.assumeRolePolicyDocument();
            } else if (event instanceof RoleSessionIssuedEvent e) {
                existing(roles, "role", e.roleId()); // who held a role is history, not the account's state
            } else if (event instanceof RoleDeletedEvent e) {
                existing(roles, "role", e.roleId());
                roles.remove(e.roleId());
            } else if (event instanceof PolicyCreatedEvent e) {
                if (policies.putIfAbsent(e.policyId(), new Policy(e, t)) != null) {
                    throw new IllegalStateException("it creates policy " + e.policyId() + ", which exists");
                }
            } else if (event instanceof PolicyVersionCreatedEvent e) {
                Policy policy = existingPolicy(e.policyId());
                policy.versions.put(e.versionId(), new Version(e.versionId(), e.policyDocument(), t));
                policy.updated = t;
                if (e.setAsDefault()) {
                    policy.defaultVersion = e.versionId();
                }
            } else if (event instanceof PolicyDefaultVersionSetEvent e) {
                existingPolicy(e.policyId()).defaultVersion = e.versionId();
            } else if (event instanceof PolicyVersionDeletedEvent e) {
                existingPolicy(e.policyId()).versions.remove(e.versionId());
            } else if (event instanceof PolicyDeletedEvent e) {
                existingPolicy(e.policyId());
                policies.remove(e.policyId());
            } else if (event instanceof ManagedPolicyAttachedEvent e) {
                identity(e.identity()).attached.add(e.policyArn());
            } else if (event instanceof ManagedPolicyDetachedEvent e) {
                identity(e.identity()).attached.remove(e.policyArn());
            } else if (event instanceof InlinePolicyPutEvent e) {
                identity(e.identity()).inline.put(e.policyName(), e.policyDocument());
            } else if (event instanceof InlinePolicyDeletedEvent e) {
                identity(e.identity()).inline.remove(e.policyName());
            } else if (event instanceof PermissionsBoundaryPutEvent e) {
                identity(e.identity()).boundary = Optional.of(e.boundaryArn());
            } else if (event instanceof PermissionsBoundaryDeletedEvent e) {
                identity(e.identity()).boundary = Optional.empty();
            } else if (event instanceof TagsAddedEvent e) {
                identity(e.identity()).tag(e.tags());
            } else if (event instanceof TagsRemovedEvent e) {
                Identity identity = identity(e.identity());
                e.tagKeys().forEach(key -> identity.tags.remove(tagKey(key)));
            } else {
                throw new IllegalStateException("the replay knows no event type " + event.getClass().getName());
            }
        }

        private static Identity create(Map<String, Identity> entities, String kind, Identity entity) {
            if (entities.putIfAbsent(entity.id, entity) != null) {
                throw new IllegalStateException("it creates " + kind + " " + entity.id + ", which exists");
            }
            return entity;
        }

        private static Identity existing(Map<String, Identity> entities, String kind, String id) {
            Identity entity = entities.get(id);
            if (entity == null) {
                throw new IllegalStateException("it changes " + kind + " " + id + ", which does not exist");
            }
            return entity;
        }

        private Policy existingPolicy(String id) {
            Policy policy = policies.get(id);
            if (policy == null) {
                throw new IllegalStateException("it changes policy " + id + ", which does not exist");
            }
            return policy;
        }

        private Identity identity(IdentityRef ref) {
            return switch (ref.kind()) {
                case USER -> existing(users, "user", ref.id());
                case GROUP -> existing(groups, "group", ref.id());
                case ROLE -> existing(roles, "role", ref.id());
                case ROOT -> throw new IllegalStateException("the root holds no policies, boundary or tags");
            };
        }

        // ------------------------------------------------------------------------------------ rendering

        void render(ObjectNode answer) {
            ArrayNode userList = answer.putArray("UserDetailList");
            for (Identity user : byName(users.values())) {
                ObjectNode out = userList.addObject().put("Path", user.path).put("UserName", user.name)
                        .put("UserId", user.id).put("Arn", user.arn).put("CreateDate", user.created.toString());
                inline(out.putArray("UserPolicyList"), user);
                ArrayNode groupList = out.putArray("GroupList");
                List<Identity> memberOf = new ArrayList<>();
                for (String groupId : user.groupIds) {
                    Optional.ofNullable(groups.get(groupId)).ifPresent(memberOf::add);
                }
                byName(memberOf).forEach(group -> groupList.add(group.name));
                attached(out.putArray("AttachedManagedPolicies"), user);
                boundaryAndTags(out, user);
            }
            ArrayNode groupList = answer.putArray("GroupDetailList");
            for (Identity group : byName(groups.values())) {
                ObjectNode out = groupList.addObject().put("Path", group.path).put("GroupName", group.name)
                        .put("GroupId", group.id).put("Arn", group.arn).put("CreateDate", group.created.toString());
                inline(out.putArray("GroupPolicyList"), group);
                attached(out.putArray("AttachedManagedPolicies"), group);
            }
            ArrayNode roleList = answer.putArray("RoleDetailList");
            for (Identity role : byName(roles.values())) {
                ObjectNode out = roleList.addObject().put("Path", role.path).put("RoleName", role.name)
                        .put("RoleId", role.id).put("Arn", role.arn).put("CreateDate", role.created.toString())
                        .put("AssumeRolePolicyDocument", role.trustPolicy);
                inline(out.putArray("RolePolicyList"), role);
                attached(out.putArray("AttachedManagedPolicies"), role);
                boundaryAndTags(out, role);
            }
            renderPolicies(answer.putArray("Policies"));
        }

        private void renderPolicies(ArrayNode out) {
            List<Policy> local = new ArrayList<>(policies.values());
            local.sort(Comparator.comparing((Policy p) -> fold(p.name)).thenComparing(p -> p.arn));
            for (Policy policy : local) {
                ObjectNode node = policyNode(out, policy.name, policy.id, policy.arn, policy.path,
                        policy.defaultVersion, true, policy.created, policy.updated, policy.description);
                List<Version> versions = new ArrayList<>(policy.versions.values());
                versions.sort(Comparator.comparingLong((Version v) -> versionNumber(v.id())).reversed());
                ArrayNode list = node.putArray("PolicyVersionList");
                for (Version version : versions) {
                    list.addObject().put("Document", version.document()).put("VersionId", version.id())
                            .put("IsDefaultVersion", version.id().equals(policy.defaultVersion))
                            .put("CreateDate", version.created().toString());
                }
            }
            // AWS lists an AWS managed policy only when the account uses it, as an attachment or a boundary.
            Set<String> used = new TreeSet<>();
            for (Identity identity : identities()) {
                identity.attached.stream().filter(arn -> arn.startsWith(AWS_MANAGED_PREFIX)).forEach(used::add);
                identity.boundary.filter(arn -> arn.startsWith(AWS_MANAGED_PREFIX)).ifPresent(used::add);
            }
            List<AwsManagedPolicy> awsManaged = new ArrayList<>();
            used.forEach(arn -> AwsManagedPolicies.byArn(arn).ifPresent(awsManaged::add));
            awsManaged.sort(Comparator.comparing((AwsManagedPolicy p) -> fold(p.policyName()))
                    .thenComparing(AwsManagedPolicy::arn));
            for (AwsManagedPolicy policy : awsManaged) {
                ObjectNode node = policyNode(out, policy.policyName(), policy.policyId(), policy.arn(), policy.path(),
                        policy.defaultVersionId(), policy.isAttachable(), policy.createDate(),
                        policy.updateDate(), policy.description());
                node.putArray("PolicyVersionList").addObject().put("Document", policy.document())
                        .put("VersionId", policy.defaultVersionId()).put("IsDefaultVersion", true)
                        .put("CreateDate", policy.updateDate().toString());
            }
        }

        private ObjectNode policyNode(ArrayNode out, String name, String id, String arn, String path,
                                      String defaultVersion, boolean attachable, Instant created,
                                      Instant updated, Optional<String> description) {
            int attachments = 0;
            int boundaries = 0;
            for (Identity identity : identities()) {
                attachments += identity.attached.contains(arn) ? 1 : 0;
                boundaries += identity.boundary.filter(arn::equals).isPresent() ? 1 : 0;
            }
            ObjectNode node = out.addObject().put("PolicyName", name).put("PolicyId", id).put("Arn", arn)
                    .put("Path", path).put("DefaultVersionId", defaultVersion).put("AttachmentCount", attachments)
                    .put("PermissionsBoundaryUsageCount", boundaries).put("IsAttachable", attachable)
                    .put("CreateDate", created.toString()).put("UpdateDate", updated.toString());
            description.ifPresent(text -> node.put("Description", text));
            return node;
        }

        private List<Identity> identities() {
            List<Identity> all = new ArrayList<>(users.values());
            all.addAll(groups.values());
            all.addAll(roles.values());
            return all;
        }

        private static void inline(ArrayNode out, Identity identity) {
            identity.inline.forEach((name, document) ->
                    out.addObject().put("PolicyName", name).put("PolicyDocument", document));
        }

        private static void attached(ArrayNode out, Identity identity) {
            List<String> arns = new ArrayList<>(identity.attached);
            arns.sort(Comparator.comparing((String arn) -> fold(policyName(arn))).thenComparing(arn -> arn));
            arns.forEach(arn -> out.addObject().put("PolicyName", policyName(arn)).put("PolicyArn", arn));
        }

        private static void boundaryAndTags(ObjectNode out, Identity identity) {
            identity.boundary.ifPresent(arn -> out.putObject("PermissionsBoundary")
                    .put("PermissionsBoundaryType", "Policy").put("PermissionsBoundaryArn", arn));
            if (!identity.tags.isEmpty()) {
                List<Tag> tags = new ArrayList<>(identity.tags.values());
                tags.sort(Comparator.comparing((Tag tag) -> fold(tag.key()), InMemoryAccountState::byCodePoint)
                        .thenComparing(Tag::key, InMemoryAccountState::byCodePoint));
                ArrayNode list = out.putArray("Tags");
                tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
            }
        }

        private static List<Identity> byName(Collection<Identity> identities) {
            List<Identity> sorted = new ArrayList<>(identities);
            sorted.sort(Comparator.comparing((Identity identity) -> fold(identity.name))
                    .thenComparing(identity -> identity.id));
            return sorted;
        }
    }

    /** Tag keys are unique within an identity case-insensitively, as the command side compares them. */
    private static String tagKey(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    /** ASCII letters lower-cased and nothing else: AWS's case-insensitive order of (ASCII) IAM names. */
    private static String fold(String value) {
        StringBuilder folded = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    /** Unicode code point order, which is UTF-8 byte order (tag keys may hold any letter). */
    private static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** The name part of a managed policy ARN: what follows its last {@code /}. */
    private static String policyName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** {@code v7} → 7; versions are numbered {@code v1, v2, ...}. */
    private static long versionNumber(String versionId) {
        try {
            return Long.parseLong(versionId.substring(1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
