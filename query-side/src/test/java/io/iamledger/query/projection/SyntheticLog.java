package io.iamledger.query.projection;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.IamEvent;
import io.iamledger.events.account.AccountCreatedEvent;
import io.iamledger.events.group.GroupCreatedEvent;
import io.iamledger.events.group.GroupDeletedEvent;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatus;
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
import io.iamledger.events.policy.PolicyCreatedEvent;
import io.iamledger.events.policy.PolicyDefaultVersionSetEvent;
import io.iamledger.events.policy.PolicyDeletedEvent;
import io.iamledger.events.policy.PolicyVersionCreatedEvent;
import io.iamledger.events.policy.PolicyVersionDeletedEvent;
import io.iamledger.events.role.RoleCreatedEvent;
import io.iamledger.events.role.RoleDeletedEvent;
import io.iamledger.events.role.RoleTrustPolicyUpdatedEvent;
import io.iamledger.events.role.RoleUpdatedEvent;
import io.iamledger.events.user.UserAddedToGroupEvent;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.events.user.UserDeletedEvent;
import io.iamledger.events.user.UserRemovedFromGroupEvent;
import io.iamledger.events.user.UserUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic, internally consistent random event log over several accounts (every event type, updates only
 * of entities that exist), for replay, checksum and speed tests.
 */
public final class SyntheticLog {
    private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-%d/*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Sid\":\"s%d\"}]}";

    private final SplittableRandom random;
    private final List<Account> accounts = new ArrayList<>();
    private final EventLog log = new EventLog();
    private Instant clock;
    private int counter;

    private SyntheticLog(long seed, int accountCount, Instant start) {
        this.random = new SplittableRandom(seed);
        this.clock = start;
        for (int i = 0; i < accountCount; i++) {
            accounts.add(new Account(String.format("%012d", 100000000000L + i)));
        }
    }

    public static List<EventEnvelope> generate(long seed, int accounts, int events) {
        return generate(seed, accounts, events, Instant.parse("2024-01-01T00:00:00Z"));
    }

    public static List<EventEnvelope> generate(long seed, int accounts, int events, Instant start) {
        SyntheticLog generator = new SyntheticLog(seed, accounts, start);
        for (Account account : generator.accounts) {
            generator.emit(new AccountCreatedEvent(account.id, generator.tick()));
        }
        while (generator.log.size() < events) {
            generator.step(generator.accounts.get(generator.random.nextInt(generator.accounts.size())));
        }
        return generator.log.envelopes();
    }

    private static final class Account {
        final String id;
        final Map<String, String> users = new LinkedHashMap<>();
        final Map<String, String> groups = new LinkedHashMap<>();
        final Map<String, String> roles = new LinkedHashMap<>();
        final Map<String, Policy> policies = new LinkedHashMap<>();
        final Map<String, IdentityRef> keys = new LinkedHashMap<>();
        final List<String[]> memberships = new ArrayList<>();
        final List<Object[]> attachments = new ArrayList<>();
        final List<Object[]> inline = new ArrayList<>();

        Account(String id) {
            this.id = id;
        }
    }

    private static final class Policy {
        final String arn;
        final List<String> versions = new ArrayList<>(List.of("v1"));
        String defaultVersion = "v1";
        int nextVersion = 2;

        Policy(String arn) {
            this.arn = arn;
        }
    }

    private Instant tick() {
        clock = clock.plusNanos(1_000L * (1 + random.nextInt(200_000)));
        return clock;
    }

    private void emit(IamEvent event) {
        log.append(event);
    }

    private int next() {
        return ++counter;
    }

    private <V> String pick(Map<String, V> map) {
        int index = random.nextInt(map.size());
        for (String key : map.keySet()) {
            if (index-- == 0) {
                return key;
            }
        }
        throw new IllegalStateException();
    }

    private IdentityRef anyIdentity(Account a) {
        int kind = random.nextInt(3);
        if (kind == 0 && !a.users.isEmpty()) {
            String id = pick(a.users);
            return IdentityRef.user(id, a.users.get(id));
        }
        if (kind == 1 && !a.groups.isEmpty()) {
            String id = pick(a.groups);
            return IdentityRef.group(id, a.groups.get(id));
        }
        if (!a.roles.isEmpty()) {
            String id = pick(a.roles);
            return IdentityRef.role(id, a.roles.get(id));
        }
        return null;
    }

    private IdentityRef taggable(Account a) {
        if (random.nextBoolean() && !a.users.isEmpty()) {
            String id = pick(a.users);
            return IdentityRef.user(id, a.users.get(id));
        }
        if (!a.roles.isEmpty()) {
            String id = pick(a.roles);
            return IdentityRef.role(id, a.roles.get(id));
        }
        return null;
    }

    private List<Tag> tags() {
        List<Tag> tags = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String key = "Key" + random.nextInt(5);
            tags.add(new Tag(random.nextBoolean() ? key : key.toUpperCase(), "value-" + next()));
        }
        return tags;
    }

    private void step(Account a) {
        String acct = a.id;
        int dice = random.nextInt(100);
        int n = next();
        if (dice < 14 || a.users.isEmpty()) {
            String id = "AIDA" + n;
            String name = "user-" + n;
            a.users.put(id, name);
            Optional<String> boundary = random.nextInt(5) == 0
                    ? Optional.of("arn:aws:iam::aws:policy/PowerUserAccess") : Optional.empty();
            emit(new UserCreatedEvent(acct, id, name, "/", "arn:aws:iam::" + acct + ":user/" + name, boundary,
                    tags(), tick()));
        } else if (dice < 18) {
            String id = pick(a.users);
            String name = "renamed-" + n;
            String old = a.users.put(id, name);
            emit(new UserUpdatedEvent(acct, id, old, name, "/moved/", "arn:aws:iam::" + acct + ":user/moved/" + name,
                    tick()));
        } else if (dice < 20) {
            String id = pick(a.users);
            String name = a.users.remove(id);
            a.memberships.removeIf(m -> m[0].equals(id));
            a.attachments.removeIf(x -> ((IdentityRef) x[0]).id().equals(id));
            a.inline.removeIf(x -> ((IdentityRef) x[0]).id().equals(id));
            a.keys.values().removeIf(owner -> owner.id().equals(id));
            emit(new UserDeletedEvent(acct, id, name, tick()));
        } else if (dice < 25) {
            String id = "AGPA" + n;
            String name = "group-" + n;
            a.groups.put(id, name);
            emit(new GroupCreatedEvent(acct, id, name, "/", "arn:aws:iam::" + acct + ":group/" + name, tick()));
        } else if (dice < 26 && !a.groups.isEmpty()) {
            String id = pick(a.groups);
            String name = a.groups.remove(id);
            a.memberships.removeIf(m -> m[1].equals(id));
            a.attachments.removeIf(x -> ((IdentityRef) x[0]).id().equals(id));
            a.inline.removeIf(x -> ((IdentityRef) x[0]).id().equals(id));
            emit(new GroupDeletedEvent(acct, id, name, tick()));
        } else if (dice < 34 && !a.groups.isEmpty()) {
            String user = pick(a.users);
            String group = pick(a.groups);
            a.memberships.add(new String[]{user, group});
            emit(new UserAddedToGroupEvent(acct, user, a.users.get(user), group, a.groups.get(group), tick()));
        } else if (dice < 37 && !a.memberships.isEmpty()) {
            String[] m = a.memberships.remove(random.nextInt(a.memberships.size()));
            emit(new UserRemovedFromGroupEvent(acct, m[0], a.users.get(m[0]), m[1], a.groups.get(m[1]), tick()));
        } else if (dice < 42) {
            String id = "AROA" + n;
            String name = "role-" + n;
            a.roles.put(id, name);
            emit(new RoleCreatedEvent(acct, id, name, "/service/", "arn:aws:iam::" + acct + ":role/service/" + name,
                    String.format(TRUST, n), random.nextBoolean() ? Optional.of("role " + n) : Optional.empty(),
                    3600, random.nextInt(4) == 0 ? Optional.of("arn:aws:iam::aws:policy/ReadOnlyAccess")
                    : Optional.empty(), tags(), tick()));
        } else if (dice < 44 && !a.roles.isEmpty()) {
            String id = pick(a.roles);
            emit(new RoleUpdatedEvent(acct, id, a.roles.get(id), Optional.of("updated " + n),
                    3600 * (1 + random.nextInt(12)), tick()));
        } else if (dice < 46 && !a.roles.isEmpty()) {
            String id = pick(a.roles);
            emit(new RoleTrustPolicyUpdatedEvent(acct, id, a.roles.get(id), String.format(TRUST, n), tick()));
        } else if (dice < 47 && !a.roles.isEmpty()) {
            String id = pick(a.roles);
            String name = a.roles.remove(id);
            a.attachments.removeIf(x -> ((IdentityRef) x[0]).id().equals(id));
            a.inline.removeIf(x -> ((IdentityRef) x[0]).id().equals(id));
            emit(new RoleDeletedEvent(acct, id, name, tick()));
        } else if (dice < 51) {
            String id = "ANPA" + n;
            String name = "policy-" + n;
            String arn = "arn:aws:iam::" + acct + ":policy/" + name;
            a.policies.put(id, new Policy(arn));
            emit(new PolicyCreatedEvent(acct, id, name, "/", arn,
                    random.nextBoolean() ? Optional.of("policy " + n) : Optional.empty(), String.format(DOC, n), tick()));
        } else if (dice < 54 && !a.policies.isEmpty()) {
            String id = pick(a.policies);
            Policy p = a.policies.get(id);
            if (p.versions.size() >= 5) {
                String victim = p.versions.stream().filter(v -> !v.equals(p.defaultVersion)).findFirst().orElseThrow();
                p.versions.remove(victim);
                emit(new PolicyVersionDeletedEvent(acct, id, p.arn, victim, tick()));
            } else {
                String version = "v" + p.nextVersion++;
                p.versions.add(version);
                boolean setDefault = random.nextBoolean();
                if (setDefault) {
                    p.defaultVersion = version;
                }
                emit(new PolicyVersionCreatedEvent(acct, id, p.arn, version, String.format(DOC, n), setDefault, tick()));
            }
        } else if (dice < 56 && !a.policies.isEmpty()) {
            String id = pick(a.policies);
            Policy p = a.policies.get(id);
            p.defaultVersion = p.versions.get(random.nextInt(p.versions.size()));
            emit(new PolicyDefaultVersionSetEvent(acct, id, p.arn, p.defaultVersion, tick()));
        } else if (dice < 57 && !a.policies.isEmpty()) {
            String id = pick(a.policies);
            Policy p = a.policies.remove(id);
            a.attachments.removeIf(x -> x[1].equals(p.arn));
            emit(new PolicyDeletedEvent(acct, id, p.arn, tick()));
        } else if (dice < 65) {
            IdentityRef who = anyIdentity(a);
            if (who == null) {
                return;
            }
            String arn = !a.policies.isEmpty() && random.nextBoolean() ? a.policies.get(pick(a.policies)).arn
                    : "arn:aws:iam::aws:policy/ReadOnlyAccess";
            a.attachments.add(new Object[]{who, arn});
            emit(new ManagedPolicyAttachedEvent(acct, who, arn, tick()));
        } else if (dice < 68 && !a.attachments.isEmpty()) {
            Object[] x = a.attachments.remove(random.nextInt(a.attachments.size()));
            emit(new ManagedPolicyDetachedEvent(acct, (IdentityRef) x[0], (String) x[1], tick()));
        } else if (dice < 74) {
            IdentityRef who = anyIdentity(a);
            if (who == null) {
                return;
            }
            String name = "inline-" + random.nextInt(3);
            a.inline.add(new Object[]{who, name});
            emit(new InlinePolicyPutEvent(acct, who, name, String.format(DOC, n), tick()));
        } else if (dice < 76 && !a.inline.isEmpty()) {
            Object[] x = a.inline.remove(random.nextInt(a.inline.size()));
            IdentityRef who = (IdentityRef) x[0];
            a.inline.removeIf(y -> ((IdentityRef) y[0]).id().equals(who.id()) && y[1].equals(x[1]));
            emit(new InlinePolicyDeletedEvent(acct, who, (String) x[1], tick()));
        } else if (dice < 78) {
            IdentityRef who = taggable(a);
            if (who != null) {
                emit(new PermissionsBoundaryPutEvent(acct, who, "arn:aws:iam::aws:policy/Boundary" + random.nextInt(3),
                        tick()));
            }
        } else if (dice < 79) {
            IdentityRef who = taggable(a);
            if (who != null) {
                emit(new PermissionsBoundaryDeletedEvent(acct, who, tick()));
            }
        } else if (dice < 84) {
            IdentityRef who = taggable(a);
            if (who != null) {
                emit(new TagsAddedEvent(acct, who, tags(), tick()));
            }
        } else if (dice < 86) {
            IdentityRef who = taggable(a);
            if (who != null) {
                emit(new TagsRemovedEvent(acct, who, List.of("key" + random.nextInt(5), "Key" + random.nextInt(5)),
                        tick()));
            }
        } else if (dice < 91) {
            IdentityRef owner;
            if (random.nextInt(10) == 0) {
                owner = IdentityRef.root(acct);
            } else {
                String user = pick(a.users);
                owner = IdentityRef.user(user, a.users.get(user));
            }
            String key = "AKIA" + n;
            a.keys.put(key, owner);
            emit(new AccessKeyCreatedEvent(acct, owner, key, "fp" + n, tick()));
        } else if (dice < 94 && !a.keys.isEmpty()) {
            String key = pick(a.keys);
            emit(new AccessKeyStatusChangedEvent(acct, a.keys.get(key), key,
                    random.nextBoolean() ? AccessKeyStatus.Active : AccessKeyStatus.Inactive, tick()));
        } else if (dice < 96 && !a.keys.isEmpty()) {
            String key = pick(a.keys);
            emit(new AccessKeyDeletedEvent(acct, a.keys.remove(key), key, tick()));
        } else if (dice < 98 && !a.keys.isEmpty()) {
            String key = pick(a.keys);
            IdentityRef owner = a.keys.get(key);
            String fresh = "AKIA" + n;
            a.keys.put(fresh, owner);
            emit(new AccessKeyRotatedEvent(acct, owner, fresh, "fp" + n, key, tick()));
        }
    }
}
