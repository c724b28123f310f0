package io.iamledger.query.projection;

import io.iamledger.events.account.AccountCreatedEvent;
import io.iamledger.events.account.AccountPasswordPolicyDeletedEvent;
import io.iamledger.events.account.AccountPasswordPolicyUpdatedEvent;
import io.iamledger.events.account.PasswordPolicy;
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
import io.iamledger.events.oidc.OpenIdConnectProviderCreatedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderDeletedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderUpdatedEvent;
import io.iamledger.events.policy.PolicyCreatedEvent;
import io.iamledger.events.policy.PolicyDefaultVersionSetEvent;
import io.iamledger.events.policy.PolicyDeletedEvent;
import io.iamledger.events.policy.PolicyVersionCreatedEvent;
import io.iamledger.events.policy.PolicyVersionDeletedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileCreatedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileDeletedEvent;
import io.iamledger.events.instanceprofile.RoleAddedToInstanceProfileEvent;
import io.iamledger.events.instanceprofile.RoleRemovedFromInstanceProfileEvent;
import io.iamledger.events.mfa.MfaDeviceDeactivatedEvent;
import io.iamledger.events.mfa.MfaDeviceEnabledEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceCreatedEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceDeletedEvent;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A scripted log using every event type once or more, one event per second from {@link #T0}; event {@code n} has
 * global sequence {@code n} and time {@code T0 + n seconds}. The comments give the sequence numbers tests refer to.
 */
public final class Scenario {
    public static final String ACCOUNT = "123456789012";
    public static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    public static final String DOC_A = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    public static final String DOC_B = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    public static final String TRUST_A = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    public static final String TRUST_B = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    public static final String POLICY_ARN = "arn:aws:iam::123456789012:policy/team/ReadStuff";
    public static final String TEMP_POLICY_ARN = "arn:aws:iam::123456789012:policy/Temp";
    public static final String BOUNDARY_ARN = "arn:aws:iam::aws:policy/PowerUserAccess";

    private Scenario() {}

    public static Instant at(long sequence) {
        return T0.plusSeconds(sequence);
    }

    /** A one-hour session of role auditor, assumed by the account root. */
    private static RoleSessionIssuedEvent session(String a, String name, String accessKeyId,
                                                  Optional<String> sourceIdentity, Instant at) {
        return new RoleSessionIssuedEvent(a, "AROAAUDITOR", "auditor", "arn:aws:iam::" + a + ":role/auditor", name,
                "arn:aws:sts::" + a + ":assumed-role/auditor/" + name, accessKeyId, "arn:aws:iam::" + a + ":root", a,
                sourceIdentity, Optional.of(DOC_A), List.of(), List.of(new Tag("team", "audit")), List.of(), false,
                at.plusSeconds(3600), at);
    }

    public static EventLog log() {
        String a = ACCOUNT;
        IdentityRef alice = IdentityRef.user("AIDAALICE", "alice2");
        IdentityRef devs = IdentityRef.group("AGPADEVS", "devs");
        IdentityRef deployer = IdentityRef.role("AROADEPLOYER", "deployer");
        IdentityRef bob = IdentityRef.user("AIDABOB", "bob");
        EventLog log = new EventLog(1);
        log.append(new AccountCreatedEvent(a, at(1)));                                                        // 1
        log.append(new UserCreatedEvent(a, "AIDAALICE", "alice", "/", "arn:aws:iam::" + a + ":user/alice",
                Optional.of(BOUNDARY_ARN), List.of(new Tag("Team", "red")), at(2)));                          // 2
        log.append(new UserUpdatedEvent(a, "AIDAALICE", "alice", "alice2", "/eng/",
                "arn:aws:iam::" + a + ":user/eng/alice2", at(3)));                                            // 3
        log.append(new GroupCreatedEvent(a, "AGPADEVS", "devs", "/", "arn:aws:iam::" + a + ":group/devs", at(4))); // 4
        log.append(new UserAddedToGroupEvent(a, "AIDAALICE", "alice2", "AGPADEVS", "devs", at(5)));            // 5
        log.append(new RoleCreatedEvent(a, "AROADEPLOYER", "deployer", "/ci/", "arn:aws:iam::" + a + ":role/ci/deployer",
                TRUST_A, Optional.of("deploys"), 3600, Optional.empty(), List.of(new Tag("Env", "prod")), at(6))); // 6
        log.append(new RoleUpdatedEvent(a, "AROADEPLOYER", "deployer", Optional.of("deploys more"), 7200, at(7))); // 7
        log.append(new RoleTrustPolicyUpdatedEvent(a, "AROADEPLOYER", "deployer", TRUST_B, at(8)));           // 8
        log.append(new PolicyCreatedEvent(a, "ANPAREAD", "ReadStuff", "/team/", POLICY_ARN,
                Optional.of("reads stuff"), DOC_A, at(9)));                                                    // 9
        log.append(new PolicyVersionCreatedEvent(a, "ANPAREAD", POLICY_ARN, "v2", DOC_B, false, at(10)));      // 10
        log.append(new PolicyDefaultVersionSetEvent(a, "ANPAREAD", POLICY_ARN, "v2", at(11)));                 // 11
        log.append(new PolicyVersionDeletedEvent(a, "ANPAREAD", POLICY_ARN, "v1", at(12)));                    // 12
        log.append(new ManagedPolicyAttachedEvent(a, alice, POLICY_ARN, at(13)));                              // 13
        log.append(new ManagedPolicyAttachedEvent(a, devs, POLICY_ARN, at(14)));                               // 14
        log.append(new ManagedPolicyAttachedEvent(a, deployer, POLICY_ARN, at(15)));                           // 15
        log.append(new ManagedPolicyDetachedEvent(a, devs, POLICY_ARN, at(16)));                               // 16
        log.append(new InlinePolicyPutEvent(a, alice, "inline1", DOC_A, at(17)));                              // 17
        log.append(new InlinePolicyPutEvent(a, alice, "inline1", DOC_B, at(18)));                              // 18
        log.append(new InlinePolicyPutEvent(a, deployer, "r1", DOC_A, at(19)));                                // 19
        log.append(new InlinePolicyDeletedEvent(a, deployer, "r1", at(20)));                                   // 20
        log.append(new PermissionsBoundaryPutEvent(a, deployer, BOUNDARY_ARN, at(21)));                        // 21
        log.append(new PermissionsBoundaryDeletedEvent(a, alice, at(22)));                                     // 22
        log.append(new TagsAddedEvent(a, alice, List.of(new Tag("team", "blue"), new Tag("Cost", "1")), at(23))); // 23
        log.append(new TagsRemovedEvent(a, deployer, List.of("env"), at(24)));                                 // 24
        log.append(new AccessKeyCreatedEvent(a, alice, "AKIAALICE1", "fp1", at(25)));                          // 25
        log.append(new AccessKeyStatusChangedEvent(a, alice, "AKIAALICE1", AccessKeyStatus.Inactive, at(26))); // 26
        log.append(new AccessKeyStatusChangedEvent(a, alice, "AKIAALICE1", AccessKeyStatus.Active, at(27)));   // 27
        log.append(new AccessKeyRotatedEvent(a, alice, "AKIAALICE2", "fp2", "AKIAALICE1", at(28)));            // 28
        log.append(new AccessKeyCreatedEvent(a, IdentityRef.root(a), "AKIAROOT", "fp3", at(29)));              // 29
        log.append(new AccessKeyDeletedEvent(a, IdentityRef.root(a), "AKIAROOT", at(30)));                     // 30
        log.append(new UserRemovedFromGroupEvent(a, "AIDAALICE", "alice2", "AGPADEVS", "devs", at(31)));       // 31
        log.append(new PolicyCreatedEvent(a, "ANPATEMP", "Temp", "/", TEMP_POLICY_ARN, Optional.empty(), DOC_A, at(32))); // 32
        log.append(new ManagedPolicyAttachedEvent(a, deployer, TEMP_POLICY_ARN, at(33)));                      // 33
        log.append(new PolicyDeletedEvent(a, "ANPATEMP", TEMP_POLICY_ARN, at(34)));                            // 34
        log.append(new GroupDeletedEvent(a, "AGPADEVS", "devs", at(35)));                                      // 35
        log.append(new RoleDeletedEvent(a, "AROADEPLOYER", "deployer", at(36)));                               // 36
        log.append(new UserCreatedEvent(a, "AIDABOB", "bob", "/", "arn:aws:iam::" + a + ":user/bob",
                Optional.empty(), List.of(new Tag("k", "v")), at(37)));                                        // 37
        log.append(new AccessKeyCreatedEvent(a, bob, "AKIABOB", "fp4", at(38)));                              // 38
        log.append(new GroupCreatedEvent(a, "AGPAOPS", "ops", "/", "arn:aws:iam::" + a + ":group/ops", at(39))); // 39
        log.append(new UserAddedToGroupEvent(a, "AIDABOB", "bob", "AGPAOPS", "ops", at(40)));                  // 40
        log.append(new InlinePolicyPutEvent(a, bob, "b", DOC_A, at(41)));                                      // 41
        log.append(new UserDeletedEvent(a, "AIDABOB", "bob", at(42)));                                         // 42
        log.append(new RoleCreatedEvent(a, "AROAAUDITOR", "auditor", "/", "arn:aws:iam::" + a + ":role/auditor",
                TRUST_B, Optional.empty(), 3600, Optional.empty(), List.of(), at(43)));                       // 43
        log.append(session(a, "first", "ASIAFIRST", Optional.of("carol"), at(44)));                            // 44
        log.append(new RoleTrustPolicyUpdatedEvent(a, "AROAAUDITOR", "auditor", TRUST_A, at(45)));            // 45
        log.append(session(a, "second", "ASIASECOND", Optional.empty(), at(46)));                              // 46
        String phone = "arn:aws:iam::" + a + ":mfa/phone";
        log.append(new VirtualMfaDeviceCreatedEvent(a, "AMFAPHONE", phone, "phone", "/",
                List.of(new Tag("kind", "app")), at(47)));                                                  // 47
        log.append(new MfaDeviceEnabledEvent(a, "AMFAPHONE", phone, alice, at(48)));                          // 48
        log.append(new MfaDeviceDeactivatedEvent(a, "AMFAPHONE", phone, alice, at(49)));                      // 49
        log.append(new VirtualMfaDeviceDeletedEvent(a, "AMFAPHONE", phone, at(50)));                          // 50
        log.append(new LoginProfileCreatedEvent(a, "AIDAALICE", "alice2", true, at(51)));                    // 51
        log.append(new LoginProfileUpdatedEvent(a, "AIDAALICE", "alice2", false, true, at(51), at(52)));      // 52
        log.append(new LoginProfileDeletedEvent(a, "AIDAALICE", "alice2", at(53)));                           // 53
        log.append(new AccountPasswordPolicyUpdatedEvent(a, new PasswordPolicy(12, true, true, false, false, true,
                Optional.of(90), Optional.of(3), false), at(54)));                                             // 54
        log.append(new AccountPasswordPolicyDeletedEvent(a, at(55)));                                         // 55
        log.append(new InstanceProfileCreatedEvent(a, "AIPAWEB", "web", "/apps/",
                "arn:aws:iam::" + a + ":instance-profile/apps/web", List.of(new Tag("tier", "front")), at(56))); // 56
        log.append(new RoleAddedToInstanceProfileEvent(a, "AIPAWEB", "web", "AROAAUDITOR", "auditor", at(57))); // 57
        log.append(new RoleRemovedFromInstanceProfileEvent(a, "AIPAWEB", "web", "AROAAUDITOR", "auditor",
                at(58)));                                                                                      // 58
        log.append(new InstanceProfileDeletedEvent(a, "AIPAWEB", "web", at(59)));                             // 59
        String idp = "arn:aws:iam::" + a + ":oidc-provider/id.example.com";
        log.append(new OpenIdConnectProviderCreatedEvent(a, "OIDCIDP", idp, "id.example.com", List.of("app"),
                List.of(), List.of(new Tag("team", "auth")), at(60)));                                      // 60
        log.append(new OpenIdConnectProviderUpdatedEvent(a, "OIDCIDP", idp, "id.example.com",
                List.of("app", "cli"), List.of(), at(60), at(61)));                                            // 61
        log.append(new OpenIdConnectProviderDeletedEvent(a, "OIDCIDP", idp, at(62)));                         // 62
        return log;
    }
}
