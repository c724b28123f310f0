package io.iamledger.infra.authz;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import io.iamledger.query.awsmanaged.AwsManagedPolicy;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.PolicySource;
import io.iamledger.query.readmodel.AttachedPolicy;
import io.iamledger.query.readmodel.Group;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.InstanceProfile;
import io.iamledger.query.readmodel.ManagedPolicy;
import io.iamledger.query.readmodel.Page;
import io.iamledger.query.readmodel.PageRequest;
import io.iamledger.query.readmodel.PermissionFacts;
import io.iamledger.query.readmodel.Role;
import io.iamledger.query.readmodel.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads identities and their policies from the read model: inline policies as stored, attached managed policies
 * at their default version (AWS managed ones from the built-in catalog, customer managed ones from the read model),
 * compiled through {@link SharedPolicies}. A user or role is read in one snapshot and one query
 * ({@link io.iamledger.query.readmodel.PermissionsReadModel}) and compiled by {@link IdentityCompiler}. A group is
 * read in several snapshots; when the state changes in between, the account's position has moved and the caller's
 * cache entry is discarded at its next use, and an entity that disappears while it is read is reported absent, so
 * that a half-read set of policies (which might miss a Deny) is never used. Thread-safe.
 */
final class ReadModelPolicyLoader implements PolicyLoader {
    private final IamReadModel readModel;
    private final SharedPolicies shared;
    private final IdentityCompiler compiler;

    ReadModelPolicyLoader(IamReadModel readModel, SharedPolicies shared) {
        this.readModel = readModel;
        this.shared = shared;
        this.compiler = new IdentityCompiler(shared);
    }

    @Override
    public Optional<LoadedIdentity> user(String accountId, String userName) {
        PermissionFacts facts = readModel.permissions().user(accountId, userName);
        return facts.only().map(user -> compiler.compile(facts, user));
    }

    @Override
    public Optional<LoadedIdentity> group(String accountId, String groupName) {
        return absentIfGone(() -> {
            Group group = readModel.getGroup(accountId, groupName, PageRequest.first(1)).group();
            return new LoadedIdentity(group.arn(), group.groupId(), List.of(),
                    shared.principalPolicies(groupPolicies(accountId, group), Optional.empty()));
        });
    }

    @Override
    public Optional<LoadedIdentity> role(String accountId, String roleName) {
        PermissionFacts facts = readModel.permissions().role(accountId, roleName);
        return facts.only().map(role -> compiler.compile(facts, role));
    }

    @Override
    public Optional<RoleTrust> trust(String accountId, String roleName) {
        return absentIfGone(() -> {
            Role role = readModel.getRole(accountId, roleName);
            return new RoleTrust(role.assumeRolePolicyDocument(), role.maxSessionDuration());
        });
    }

    @Override
    public Optional<CompiledPolicy> managedPolicy(String accountId, String policyArn) {
        return absentIfGone(() -> managed(accountId, policyArn));
    }

    @Override
    public Optional<TargetFacts> target(String accountId, IamActionTable.Target target, String name) {
        return absentIfGone(() -> switch (target) {
            case USER -> {
                User user = readModel.getUser(accountId, name);
                yield new TargetFacts(user.arn(), user.permissionsBoundaryArn(), user.tags());
            }
            case GROUP -> new TargetFacts(readModel.getGroup(accountId, name, PageRequest.first(1)).group().arn(),
                    Optional.empty(), List.of());
            case ROLE -> {
                Role role = readModel.getRole(accountId, name);
                yield new TargetFacts(role.arn(), role.permissionsBoundaryArn(), role.tags());
            }
            case INSTANCE_PROFILE -> {
                InstanceProfile profile = readModel.getInstanceProfile(accountId, name);
                yield new TargetFacts(profile.arn(), Optional.empty(), profile.tags());
            }
            default -> throw new IllegalArgumentException("not a user, group, role or instance profile: " + target);
        });
    }

    /** A group's inline policies and attached managed policies, each shared with every member. */
    private List<CompiledPolicy> groupPolicies(String accountId, Group group) {
        String groupName = group.groupName();
        List<CompiledPolicy> policies = new ArrayList<>();
        for (String name : Page.all(page -> readModel.listGroupPolicies(accountId, groupName, page))) {
            policies.add(shared.groupInline(group.groupId(), groupName, name,
                    readModel.getGroupPolicy(accountId, groupName, name).policyDocument()));
        }
        for (AttachedPolicy policy : Page.all(page -> readModel.listAttachedGroupPolicies(accountId, groupName, "/",
                page))) {
            policies.add(managed(accountId, policy.policyArn()));
        }
        return policies;
    }

    /** The default version of a managed policy. @throws IamException NoSuchEntity when the policy is gone */
    private CompiledPolicy managed(String accountId, String arn) {
        Optional<AwsManagedPolicy> aws = AwsManagedPolicies.byArn(arn);
        if (aws.isPresent()) {
            AwsManagedPolicy policy = aws.get();
            return shared.managed(arn, policy.policyId(), policy.defaultVersionId(), PolicySource.Kind.AWS_MANAGED,
                    policy::document);
        }
        ManagedPolicy policy = readModel.getPolicy(accountId, arn);
        String version = policy.defaultVersionId();
        return shared.managed(arn, policy.policyId(), version, PolicySource.Kind.CUSTOMER_MANAGED,
                () -> readModel.getPolicyVersion(accountId, arn, version).document());
    }

    private interface Read<T> {
        T get();
    }

    private static <T> Optional<T> absentIfGone(Read<T> read) {
        try {
            return Optional.of(read.get());
        } catch (IamException e) {
            if (e.code() == ErrorCode.NO_SUCH_ENTITY) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
