package io.iamledger.infra.authz;

import io.iamledger.query.evaluator.CompiledPolicy;
import java.util.Optional;

/**
 * Reads identities and their policies from the store. Implementations are thread-safe; each method may see a
 * state newer than the one the caller last checked, never an older one.
 */
interface PolicyLoader {

    /** The user and everything that grants or limits its permissions; empty when there is no such user. */
    Optional<LoadedIdentity> user(String accountId, String userName);

    /** The group and its inline and attached policies; empty when there is no such group. */
    Optional<LoadedIdentity> group(String accountId, String groupName);

    /** The role, its inline and attached policies and its boundary; empty when there is no such role. */
    Optional<LoadedIdentity> role(String accountId, String roleName);

    /** The role's trust policy and maximum session duration; empty when there is no such role. */
    Optional<RoleTrust> trust(String accountId, String roleName);

    /**
     * The default version of a managed policy, compiled: an AWS managed one, or a customer managed one of the
     * account; empty when there is no such policy.
     */
    Optional<CompiledPolicy> managedPolicy(String accountId, String policyArn);

    /**
     * The facts of an existing user, group or role.
     *
     * @param target {@link IamActionTable.Target#USER}, {@code GROUP} or {@code ROLE}
     */
    Optional<TargetFacts> target(String accountId, IamActionTable.Target target, String name);
}
