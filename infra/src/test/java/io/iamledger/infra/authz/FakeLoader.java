package io.iamledger.infra.authz;

import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.events.identity.Tag;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.PolicySource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store of identities for the authz tests, counting how often it is read. */
final class FakeLoader implements PolicyLoader {
    static final String ACCOUNT = "111122223333";

    final Map<String, LoadedIdentity> users = new HashMap<>();
    final Map<String, LoadedIdentity> groups = new HashMap<>();
    final Map<String, LoadedIdentity> roles = new HashMap<>();
    final Map<String, TargetFacts> targets = new HashMap<>();
    final Map<String, RoleTrust> trusts = new HashMap<>();
    final Map<String, CompiledPolicy> managed = new HashMap<>();
    final AtomicInteger userLoads = new AtomicInteger();
    final AtomicInteger targetLoads = new AtomicInteger();

    static String arn(String type, String path, String name) {
        return "arn:aws:iam::" + ACCOUNT + ":" + type + path + name;
    }

    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static CompiledPolicy compiled(PolicySource source, String document) {
        return CompiledPolicy.compile(source, PolicyDocuments.read(document, PolicyKind.IDENTITY));
    }

    /** A user whose only policy is an inline one named "inline" holding {@code statements}. */
    LoadedIdentity user(String path, String name, String id, String... statements) {
        CompiledPrincipalPolicies.Builder policies = CompiledPrincipalPolicies.builder();
        if (statements.length > 0) {
            policies.identityPolicy(compiled(PolicySource.of("inline", PolicySource.Kind.USER_INLINE),
                    policy(statements)));
        }
        return user(path, name, id, List.of(), policies.build());
    }

    LoadedIdentity user(String path, String name, String id, List<Tag> tags, CompiledPrincipalPolicies policies) {
        LoadedIdentity user = new LoadedIdentity(arn("user", path, name), id, tags, policies);
        users.put(name.toLowerCase(Locale.ROOT), user);
        targets.put("USER/" + name.toLowerCase(Locale.ROOT), new TargetFacts(user.arn(),
                policies.permissionsBoundary().map(boundary -> boundary.source().id()), tags));
        return user;
    }

    @Override
    public Optional<LoadedIdentity> user(String accountId, String userName) {
        userLoads.incrementAndGet();
        return Optional.ofNullable(users.get(userName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<LoadedIdentity> group(String accountId, String groupName) {
        return Optional.ofNullable(groups.get(groupName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<LoadedIdentity> role(String accountId, String roleName) {
        return Optional.ofNullable(roles.get(roleName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<RoleTrust> trust(String accountId, String roleName) {
        return Optional.ofNullable(trusts.get(roleName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<CompiledPolicy> managedPolicy(String accountId, String policyArn) {
        return Optional.ofNullable(managed.get(policyArn));
    }

    @Override
    public Optional<TargetFacts> target(String accountId, IamActionTable.Target target, String name) {
        targetLoads.incrementAndGet();
        return Optional.ofNullable(targets.get(target.name() + "/" + name.toLowerCase(Locale.ROOT)));
    }
}
