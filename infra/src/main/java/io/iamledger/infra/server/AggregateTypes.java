package io.iamledger.infra.server;

import io.iamledger.command.account.AccountAggregate;
import io.iamledger.command.group.GroupAggregate;
import io.iamledger.command.instanceprofile.InstanceProfileAggregate;
import io.iamledger.command.mfa.VirtualMfaDeviceAggregate;
import io.iamledger.command.oidc.OpenIdConnectProviderAggregate;
import io.iamledger.command.policy.ManagedPolicyAggregate;
import io.iamledger.command.role.RoleAggregate;
import io.iamledger.command.role.RoleSessionAggregate;
import io.iamledger.command.user.UserAggregate;
import java.util.List;

/** The command side's aggregates, registered with Axon in one place. */
final class AggregateTypes {
    static final List<Class<?>> ALL = List.of(AccountAggregate.class, UserAggregate.class, GroupAggregate.class,
            RoleAggregate.class, RoleSessionAggregate.class, ManagedPolicyAggregate.class,
            VirtualMfaDeviceAggregate.class, InstanceProfileAggregate.class, OpenIdConnectProviderAggregate.class);

    private AggregateTypes() {}
}
