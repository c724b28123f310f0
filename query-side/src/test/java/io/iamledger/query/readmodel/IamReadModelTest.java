package io.iamledger.query.readmodel;

import static io.iamledger.query.projection.Scenario.ACCOUNT;
import static io.iamledger.query.projection.Scenario.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.ManagedPolicyAttachedEvent;
import io.iamledger.events.identity.PermissionsBoundaryPutEvent;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.events.user.UserDeletedEvent;
import io.iamledger.events.user.UserUpdatedEvent;
import io.iamledger.query.projection.EventLog;
import io.iamledger.query.projection.Scenario;
import io.iamledger.query.projection.SyntheticLog;
import io.iamledger.query.projection.TestDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class IamReadModelTest {
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final BuiltInPolicies BUILT_INS = BuiltInPolicies.of(List.of(
            builtIn("ReadOnlyAccess", "/"), builtIn("AdministratorAccess", "/"),
            builtIn("PowerUserAccess", "/"), builtIn("AWSLambdaRole", "/service-role/"),
            builtIn("zeta", "/")));

    private final DataSource db = TestDatabase.dataSource();

    private IamReadModel scenario(String name) throws SQLException {
        return fed(name, Scenario.log().envelopes());
    }

    private IamReadModel fed(String name, List<EventEnvelope> envelopes) throws SQLException {
        String schema = TestDatabase.freshSchema(name);
        EventLog.replay(db, schema, envelopes, 100);
        return IamReadModel.create(db, schema, BUILT_INS);
    }

    private static Instant between(long sequence) {
        return at(sequence).plusMillis(500);
    }

    // ------------------------------------------------------------------------------------------- users

    @Test
    void getUserShowsTheCurrentVersionWithBoundaryAndTags() throws Exception {
        IamReadModel model = scenario("get_user");
        User alice = model.getUser(ACCOUNT, "ALICE2");
        assertThat(alice).isEqualTo(new User("/eng/", "alice2", "AIDAALICE",
                "arn:aws:iam::123456789012:user/eng/alice2", at(2), Optional.empty(),
                List.of(new Tag("Cost", "1"), new Tag("team", "blue"))));
        assertThat(model.asOf(between(2)).getUser(ACCOUNT, "alice").permissionsBoundaryArn())
                .contains(Scenario.BOUNDARY_ARN);
        assertThat(model.asOf(between(2)).getUser(ACCOUNT, "alice").tags()).containsExactly(new Tag("Team", "red"));
    }

    @Test
    void missingEntitiesAnswerWithAwsMessages() throws Exception {
        IamReadModel model = scenario("missing");
        assertNoSuchEntity(() -> model.getUser(ACCOUNT, "alice"), "The user with name alice cannot be found.");
        assertNoSuchEntity(() -> model.getRole(ACCOUNT, "deployer"), "The role with name deployer cannot be found.");
        assertNoSuchEntity(() -> model.getGroup(ACCOUNT, "devs", PageRequest.first()),
                "The group with name devs cannot be found.");
        assertNoSuchEntity(() -> model.getPolicy(ACCOUNT, Scenario.TEMP_POLICY_ARN),
                "Policy " + Scenario.TEMP_POLICY_ARN + " does not exist or is not attachable.");
        assertNoSuchEntity(() -> model.getUserPolicy(ACCOUNT, "alice2", "nope"),
                "The user policy with name nope cannot be found.");
        assertNoSuchEntity(() -> model.getUserPolicy(ACCOUNT, "alice2", "INLINE1"),
                "The user policy with name INLINE1 cannot be found.");
        assertNoSuchEntity(() -> model.getGroupPolicy(ACCOUNT, "ops", "g"), "The group policy with name g cannot be found.");
        assertNoSuchEntity(() -> model.getPolicyVersion(ACCOUNT, Scenario.POLICY_ARN, "v1"),
                "Policy " + Scenario.POLICY_ARN + " version v1 does not exist or is not attachable.");
        assertNoSuchEntity(() -> model.listAccessKeys(ACCOUNT, Optional.of("bob"), PageRequest.first()),
                "The user with name bob cannot be found.");
        assertNoSuchEntity(() -> model.getUser("999999999999", "alice2"), "The user with name alice2 cannot be found.");
    }

    @Test
    void aUserRenamedThenDeletedReadsDifferentlyAtEachInstant() throws Exception {
        EventLog log = new EventLog(1);
        Instant created = Instant.parse("2024-06-01T10:00:00Z");
        Instant renamed = created.plusSeconds(60);
        Instant deleted = renamed.plusSeconds(60);
        log.append(new UserCreatedEvent(ACCOUNT, "AIDACAROL", "carol", "/", "arn:aws:iam::123456789012:user/carol",
                Optional.empty(), List.of(), created));
        log.append(new UserUpdatedEvent(ACCOUNT, "AIDACAROL", "carol", "caroline", "/ops/",
                "arn:aws:iam::123456789012:user/ops/caroline", renamed));
        log.append(new UserDeletedEvent(ACCOUNT, "AIDACAROL", "caroline", deleted));
        IamReadModel model = fed("renamed_deleted", log.envelopes());

        IamReadModel beforeCreation = model.asOf(created.minusNanos(1_000));
        assertNoSuchEntity(() -> beforeCreation.getUser(ACCOUNT, "carol"), "The user with name carol cannot be found.");
        assertThat(beforeCreation.listUsers(ACCOUNT, PageRequest.first()).items()).isEmpty();

        IamReadModel beforeRename = model.asOf(renamed.minusSeconds(1));
        assertThat(beforeRename.getUser(ACCOUNT, "carol").arn()).isEqualTo("arn:aws:iam::123456789012:user/carol");
        assertNoSuchEntity(() -> beforeRename.getUser(ACCOUNT, "caroline"), "The user with name caroline cannot be found.");
        assertThat(names(beforeRename.listUsers(ACCOUNT, PageRequest.first()), User::userName)).containsExactly("carol");

        for (IamReadModel between : List.of(model.asOf(renamed), model.asOf(deleted.minusNanos(1_000)),
                model.asOfSequence(2))) {
            User user = between.getUser(ACCOUNT, "caroline");
            assertThat(user.path()).isEqualTo("/ops/");
            assertThat(user.createDate()).isEqualTo(created);
            assertNoSuchEntity(() -> between.getUser(ACCOUNT, "carol"), "The user with name carol cannot be found.");
            assertThat(names(between.listUsers(ACCOUNT, "/ops/", PageRequest.first()), User::userName))
                    .containsExactly("caroline");
        }

        for (IamReadModel after : List.of(model.asOf(deleted), model.asOfSequence(3), model)) {
            assertNoSuchEntity(() -> after.getUser(ACCOUNT, "caroline"), "The user with name caroline cannot be found.");
            assertThat(after.listUsers(ACCOUNT, PageRequest.first()).items()).isEmpty();
        }
        assertThat(model.asOfSequence(1).getUser(ACCOUNT, "CAROL").userName()).isEqualTo("carol");
    }

    // ------------------------------------------------------------------------------------------- temporal

    @Test
    void rolesGroupsAttachmentsAndInlinePoliciesAnswerAsOfEarlierInstants() throws Exception {
        IamReadModel model = scenario("as_of");

        Role first = model.asOf(between(6)).getRole(ACCOUNT, "deployer");
        assertThat(first.description()).contains("deploys");
        assertThat(first.maxSessionDuration()).isEqualTo(3600);
        assertThat(first.assumeRolePolicyDocument()).isEqualTo(Scenario.TRUST_A);
        assertThat(first.tags()).containsExactly(new Tag("Env", "prod"));
        Role updated = model.asOf(between(7)).getRole(ACCOUNT, "deployer");
        assertThat(updated.description()).contains("deploys more");
        assertThat(updated.maxSessionDuration()).isEqualTo(7200);
        assertThat(updated.assumeRolePolicyDocument()).isEqualTo(Scenario.TRUST_A);
        Role lastVersion = model.asOf(between(24)).getRole(ACCOUNT, "deployer");
        assertThat(lastVersion.assumeRolePolicyDocument()).isEqualTo(Scenario.TRUST_B);
        assertThat(lastVersion.permissionsBoundaryArn()).contains(Scenario.BOUNDARY_ARN);
        assertThat(lastVersion.tags()).isEmpty();
        assertNoSuchEntity(() -> model.getRole(ACCOUNT, "deployer"), "The role with name deployer cannot be found.");

        GroupWithUsers devs = model.asOf(between(5)).getGroup(ACCOUNT, "DEVS", PageRequest.first());
        assertThat(devs.group().groupName()).isEqualTo("devs");
        assertThat(names(devs.users(), User::userName)).containsExactly("alice2");
        assertThat(model.asOf(between(31)).getGroup(ACCOUNT, "devs", PageRequest.first()).users().items()).isEmpty();
        assertThat(names(model.asOf(between(5)).listGroupsForUser(ACCOUNT, "alice2", PageRequest.first()),
                Group::groupName)).containsExactly("devs");
        assertThat(model.listGroupsForUser(ACCOUNT, "alice2", PageRequest.first()).items()).isEmpty();
        assertThat(names(model.asOf(between(40)).listGroups(ACCOUNT, "/", PageRequest.first()), Group::groupName))
                .containsExactly("ops");

        assertThat(model.asOf(between(15)).listAttachedRolePolicies(ACCOUNT, "deployer", "/", PageRequest.first())
                .items()).containsExactly(new AttachedPolicy("ReadStuff", Scenario.POLICY_ARN));
        assertThat(model.asOf(between(33)).listAttachedRolePolicies(ACCOUNT, "deployer", "/", PageRequest.first())
                .items()).containsExactly(new AttachedPolicy("ReadStuff", Scenario.POLICY_ARN),
                new AttachedPolicy("Temp", Scenario.TEMP_POLICY_ARN));
        assertThat(model.asOf(between(34)).listAttachedRolePolicies(ACCOUNT, "deployer", "/", PageRequest.first())
                .items()).containsExactly(new AttachedPolicy("ReadStuff", Scenario.POLICY_ARN));
        assertThat(model.asOf(between(15)).listAttachedGroupPolicies(ACCOUNT, "devs", "/team/", PageRequest.first())
                .items()).hasSize(1);
        assertThat(model.asOf(between(15)).listAttachedGroupPolicies(ACCOUNT, "devs", "/other/", PageRequest.first())
                .items()).isEmpty();
        assertThat(model.listAttachedUserPolicies(ACCOUNT, "alice2", "/", PageRequest.first()).items())
                .containsExactly(new AttachedPolicy("ReadStuff", Scenario.POLICY_ARN));

        assertThat(model.asOf(between(17)).getUserPolicy(ACCOUNT, "alice2", "inline1").policyDocument())
                .isEqualTo(Scenario.DOC_A);
        assertThat(model.getUserPolicy(ACCOUNT, "alice2", "inline1").policyDocument()).isEqualTo(Scenario.DOC_B);
        assertThat(model.asOf(between(19)).getRolePolicy(ACCOUNT, "deployer", "r1"))
                .isEqualTo(new InlinePolicy("r1", Scenario.DOC_A));
        assertThat(model.asOf(between(19)).listRolePolicies(ACCOUNT, "deployer", PageRequest.first()).items())
                .containsExactly("r1");
        assertThat(model.asOf(between(20)).listRolePolicies(ACCOUNT, "deployer", PageRequest.first()).items())
                .isEmpty();
        assertThat(model.asOf(between(41)).listUserPolicies(ACCOUNT, "bob", PageRequest.first()).items())
                .containsExactly("b");
    }

    @Test
    void theStateAsOfASequenceEqualsTheStateOfAReplayUpToIt() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(21, 2, 900);
        IamReadModel full = fed("temporal_full", log);
        String account = log.get(0).accountId();
        for (int cut : new int[]{40, 333, 720}) {
            EventEnvelope last = log.get(cut - 1);
            IamReadModel replayed = fed("temporal_" + cut, log.subList(0, cut));
            AuthorizationDetails expected = everything(replayed, account);
            assertThat(everything(full.asOfSequence(last.globalSequence()), account)).isEqualTo(expected);
            // Event times in the synthetic log strictly increase, so the instant of the cut names the same state.
            assertThat(everything(full.asOf(last.occurredAt()), account)).isEqualTo(expected);
            assertThat(expected.users()).isNotEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------- paging

    @Test
    void listUsersPagesByNameCaseInsensitivelyWithMarkers() throws Exception {
        EventLog log = new EventLog(1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = (i % 3 == 0 ? "User" : "user") + String.format("%02d", 24 - i);
            names.add(name);
            log.append(new UserCreatedEvent(ACCOUNT, "AIDA" + i, name, i < 5 ? "/admins/" : "/",
                    "arn:aws:iam::123456789012:user/" + name, Optional.empty(), List.of(), at(i + 1)));
        }
        IamReadModel model = fed("paging", log.envelopes());
        names.sort(String.CASE_INSENSITIVE_ORDER);

        List<String> seen = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(10));
        List<Boolean> truncated = new ArrayList<>();
        while (request.isPresent()) {
            Page<User> page = model.listUsers(ACCOUNT, request.get());
            seen.addAll(names(page, User::userName));
            truncated.add(page.isTruncated());
            request = request.get().next(page);
        }
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(truncated).containsExactly(true, true, false);

        Page<User> firstPage = model.listUsers(ACCOUNT, PageRequest.of(null, 10));
        assertThat(firstPage.items()).hasSize(10);
        Page<User> admins = model.listUsers(ACCOUNT, "/admins/", PageRequest.of(null, null));
        assertThat(names(admins, User::userName)).containsExactlyInAnyOrder("User24", "user23", "user22", "User21",
                "user20");
        assertThat(admins.isTruncated()).isFalse();
        assertThat(admins.marker()).isEmpty();
        // The marker is a position, not an offset: asking for the next page as of another instant still works.
        Page<User> rest = model.asOf(at(25)).listUsers(ACCOUNT, PageRequest.of(firstPage.marker().orElseThrow(), 1000));
        assertThat(rest.items()).hasSize(15);
    }

    @Test
    void badPagingParametersAreRejected() throws Exception {
        IamReadModel model = scenario("bad_paging");
        assertThatThrownBy(() -> PageRequest.of(null, 0)).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        assertThatThrownBy(() -> PageRequest.of(null, 1001)).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        assertThatThrownBy(() -> model.listUsers(ACCOUNT, PageRequest.of("not a marker!", 5)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        String groupMarker = Paging.marker("x");
        assertThatThrownBy(() -> model.listUsers(ACCOUNT, PageRequest.of(groupMarker, 5)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void getGroupPagesItsMembers() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(17, 1, 1_500);
        IamReadModel model = fed("group_members", log);
        String account = log.get(0).accountId();
        for (Group group : model.listGroups(account, "/", PageRequest.of(null, 1000)).items()) {
            List<String> all = names(model.getGroup(account, group.groupName(), PageRequest.of(null, 1000)).users(),
                    User::userId);
            List<String> paged = new ArrayList<>();
            Optional<PageRequest> request = Optional.of(PageRequest.first(2));
            while (request.isPresent()) {
                Page<User> page = model.getGroup(account, group.groupName(), request.get()).users();
                paged.addAll(names(page, User::userId));
                request = request.get().next(page);
            }
            assertThat(paged).isEqualTo(all);
        }
    }

    // ------------------------------------------------------------------------------------------- policies

    @Test
    void customerManagedPoliciesCarryCountsVersionsAndDates() throws Exception {
        IamReadModel model = scenario("policies");
        ManagedPolicy policy = model.getPolicy(ACCOUNT, Scenario.POLICY_ARN);
        assertThat(policy).isEqualTo(new ManagedPolicy("ReadStuff", "ANPAREAD", Scenario.POLICY_ARN, "/team/", "v2",
                1, 0, true, Optional.of("reads stuff"), at(9), at(10)));
        assertThat(model.asOf(between(15)).getPolicy(ACCOUNT, Scenario.POLICY_ARN).attachmentCount()).isEqualTo(3);
        assertThat(model.asOf(between(9)).getPolicy(ACCOUNT, Scenario.POLICY_ARN).updateDate()).isEqualTo(at(9));

        assertThat(model.listPolicyVersions(ACCOUNT, Scenario.POLICY_ARN, PageRequest.first()).items())
                .containsExactly(new PolicyVersion("v2", Scenario.DOC_B, true, at(10)));
        assertThat(model.asOf(between(10)).listPolicyVersions(ACCOUNT, Scenario.POLICY_ARN, PageRequest.first()).items())
                .containsExactly(new PolicyVersion("v2", Scenario.DOC_B, false, at(10)),
                        new PolicyVersion("v1", Scenario.DOC_A, true, at(9)));
        assertThat(model.asOf(between(11)).getPolicyVersion(ACCOUNT, Scenario.POLICY_ARN, "v1").isDefaultVersion())
                .isFalse();

        assertThat(model.listEntitiesForPolicy(ACCOUNT, Scenario.POLICY_ARN, Optional.empty(), "/",
                PageRequest.first()).items()).containsExactly(new PolicyEntity(IdentityKind.USER, "alice2", "AIDAALICE"));
        IamReadModel at15 = model.asOf(between(15));
        assertThat(at15.listEntitiesForPolicy(ACCOUNT, Scenario.POLICY_ARN, Optional.empty(), "/",
                PageRequest.first()).items()).containsExactly(
                new PolicyEntity(IdentityKind.GROUP, "devs", "AGPADEVS"),
                new PolicyEntity(IdentityKind.ROLE, "deployer", "AROADEPLOYER"),
                new PolicyEntity(IdentityKind.USER, "alice2", "AIDAALICE"));
        assertThat(at15.listEntitiesForPolicy(ACCOUNT, Scenario.POLICY_ARN, Optional.of(IdentityKind.ROLE), "/",
                PageRequest.first()).items()).extracting(PolicyEntity::name).containsExactly("deployer");
        assertThat(at15.listEntitiesForPolicy(ACCOUNT, Scenario.POLICY_ARN, Optional.empty(), "/ci/",
                PageRequest.first()).items()).extracting(PolicyEntity::name).containsExactly("deployer");
        Page<PolicyEntity> firstTwo = at15.listEntitiesForPolicy(ACCOUNT, Scenario.POLICY_ARN, Optional.empty(), "/",
                PageRequest.first(2));
        assertThat(firstTwo.isTruncated()).isTrue();
        assertThat(at15.listEntitiesForPolicy(ACCOUNT, Scenario.POLICY_ARN, Optional.empty(), "/",
                firstTwo.marker().map(m -> new PageRequest(Optional.of(m), 2)).orElseThrow()).items())
                .extracting(PolicyEntity::name).containsExactly("alice2");
    }

    @Test
    void awsManagedPoliciesComeFromTheInjectedCatalogWithThisAccountsCounts() throws Exception {
        EventLog log = new EventLog(1);
        IdentityRef dana = IdentityRef.user("AIDADANA", "dana");
        log.append(new UserCreatedEvent(ACCOUNT, "AIDADANA", "dana", "/", "arn:aws:iam::123456789012:user/dana",
                Optional.empty(), List.of(), at(1)));
        log.append(new ManagedPolicyAttachedEvent(ACCOUNT, dana, READ_ONLY, at(2)));
        log.append(new PermissionsBoundaryPutEvent(ACCOUNT, dana, "arn:aws:iam::aws:policy/PowerUserAccess", at(3)));
        log.append(new ManagedPolicyAttachedEvent("210987654321", IdentityRef.user("AIDAOTHER", "o"),
                "arn:aws:iam::aws:policy/AdministratorAccess", at(4)));
        for (EventEnvelope envelope : Scenario.log().envelopes()) {
            log.append(envelope.event());
        }
        IamReadModel model = fed("aws_policies", log.envelopes());

        ManagedPolicy readOnly = model.getPolicy(ACCOUNT, READ_ONLY);
        assertThat(readOnly.attachmentCount()).isEqualTo(1);
        assertThat(readOnly.policyName()).isEqualTo("ReadOnlyAccess");
        assertThat(model.getPolicy(ACCOUNT, "arn:aws:iam::aws:policy/PowerUserAccess").permissionsBoundaryUsageCount())
                .isEqualTo(1);
        assertThat(model.getPolicy(ACCOUNT, "arn:aws:iam::aws:policy/AdministratorAccess").attachmentCount()).isZero();
        assertThat(model.getPolicyVersion(ACCOUNT, READ_ONLY, "v1").document()).contains("ReadOnlyAccess");

        assertThat(names(model.listPolicies(ACCOUNT, PolicyScope.AWS, false, "/", PageRequest.first()),
                ManagedPolicy::policyName)).containsExactly("AdministratorAccess", "AWSLambdaRole", "PowerUserAccess",
                "ReadOnlyAccess", "zeta");
        assertThat(names(model.listPolicies(ACCOUNT, PolicyScope.AWS, true, "/", PageRequest.first()),
                ManagedPolicy::policyName)).containsExactly("ReadOnlyAccess");
        assertThat(names(model.listPolicies(ACCOUNT, PolicyScope.LOCAL, false, "/", PageRequest.first()),
                ManagedPolicy::policyName)).containsExactly("ReadStuff");
        assertThat(names(model.listPolicies(ACCOUNT, PolicyScope.ALL, true, "/", PageRequest.first()),
                ManagedPolicy::policyName)).containsExactly("ReadOnlyAccess", "ReadStuff");
        assertThat(names(model.listPolicies(ACCOUNT, PolicyScope.ALL, false, "/service-role/", PageRequest.first()),
                ManagedPolicy::policyName)).containsExactly("AWSLambdaRole");

        List<String> paged = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(2));
        while (request.isPresent()) {
            Page<ManagedPolicy> page = model.listPolicies(ACCOUNT, PolicyScope.ALL, false, "/", request.get());
            paged.addAll(names(page, ManagedPolicy::policyName));
            request = request.get().next(page);
        }
        assertThat(paged).containsExactly("AdministratorAccess", "AWSLambdaRole", "PowerUserAccess", "ReadOnlyAccess",
                "ReadStuff", "zeta");

        AuthorizationDetails details = model.getAccountAuthorizationDetails(ACCOUNT,
                Set.of(AuthorizationDetailsFilter.AWS_MANAGED_POLICY), PageRequest.first());
        assertThat(details.policies()).extracting(p -> p.policy().policyName())
                .containsExactly("PowerUserAccess", "ReadOnlyAccess");
        assertThat(details.users()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------- keys, tags, all

    @Test
    void accessKeysAndTagsOfUsersRolesAndTheRoot() throws Exception {
        IamReadModel model = scenario("keys_tags");
        assertThat(model.listAccessKeys(ACCOUNT, Optional.of("alice2"), PageRequest.first()).items()).containsExactly(
                new AccessKeyMetadata(Optional.of("alice2"), "AKIAALICE1", AccessKeyStatus.Inactive, at(25)),
                new AccessKeyMetadata(Optional.of("alice2"), "AKIAALICE2", AccessKeyStatus.Active, at(28)));
        assertThat(model.asOf(between(26)).listAccessKeys(ACCOUNT, Optional.of("alice2"), PageRequest.first())
                .items()).extracting(AccessKeyMetadata::status).containsExactly(AccessKeyStatus.Inactive);
        assertThat(model.listAccessKeys(ACCOUNT, Optional.empty(), PageRequest.first()).items()).isEmpty();
        assertThat(model.asOf(between(29)).listAccessKeys(ACCOUNT, Optional.empty(), PageRequest.first()).items())
                .containsExactly(new AccessKeyMetadata(Optional.empty(), "AKIAROOT", AccessKeyStatus.Active, at(29)));

        assertThat(model.listUserTags(ACCOUNT, "alice2", PageRequest.first()).items())
                .containsExactly(new Tag("Cost", "1"), new Tag("team", "blue"));
        Page<Tag> firstTag = model.listUserTags(ACCOUNT, "alice2", PageRequest.first(1));
        assertThat(firstTag.items()).containsExactly(new Tag("Cost", "1"));
        assertThat(model.listUserTags(ACCOUNT, "alice2", PageRequest.of(firstTag.marker().orElseThrow(), 1)).items())
                .containsExactly(new Tag("team", "blue"));
        assertThat(model.asOf(between(6)).listRoleTags(ACCOUNT, "deployer", PageRequest.first()).items())
                .containsExactly(new Tag("Env", "prod"));
    }

    @Test
    void accountAuthorizationDetailsRelateEverything() throws Exception {
        IamReadModel model = scenario("details");
        AuthorizationDetails now = model.getAccountAuthorizationDetails(ACCOUNT, Set.of(), PageRequest.first());
        assertThat(now.users()).singleElement().satisfies(user -> {
            assertThat(user.user().userName()).isEqualTo("alice2");
            assertThat(user.inlinePolicies()).containsExactly(new InlinePolicy("inline1", Scenario.DOC_B));
            assertThat(user.groupNames()).isEmpty();
            assertThat(user.attachedPolicies()).containsExactly(new AttachedPolicy("ReadStuff", Scenario.POLICY_ARN));
        });
        assertThat(now.groups()).extracting(g -> g.group().groupName()).containsExactly("ops");
        assertThat(now.roles()).extracting(r -> r.role().roleName()).containsExactly("auditor");
        assertThat(now.policies()).singleElement().satisfies(p -> {
            assertThat(p.policy().arn()).isEqualTo(Scenario.POLICY_ARN);
            assertThat(p.versions()).extracting(PolicyVersion::versionId).containsExactly("v2");
        });

        AuthorizationDetails earlier = model.asOf(between(19)).getAccountAuthorizationDetails(ACCOUNT, Set.of(),
                PageRequest.first());
        assertThat(earlier.users().get(0).groupNames()).containsExactly("devs");
        assertThat(earlier.groups().get(0).attachedPolicies()).isEmpty();
        assertThat(earlier.roles()).singleElement().satisfies(role -> {
            assertThat(role.inlinePolicies()).containsExactly(new InlinePolicy("r1", Scenario.DOC_A));
            assertThat(role.attachedPolicies()).extracting(AttachedPolicy::policyName).containsExactly("ReadStuff");
            assertThat(role.role().tags()).containsExactly(new Tag("Env", "prod"));
        });

        AuthorizationDetails usersOnly = model.getAccountAuthorizationDetails(ACCOUNT,
                Set.of(AuthorizationDetailsFilter.USER), PageRequest.first());
        assertThat(usersOnly.users()).hasSize(1);
        assertThat(usersOnly.groups()).isEmpty();
        assertThat(usersOnly.policies()).isEmpty();
    }

    @Test
    void accountAuthorizationDetailsPageAcrossSections() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(8, 1, 1_200);
        IamReadModel model = fed("details_paged", log);
        String account = log.get(0).accountId();
        AuthorizationDetails all = everything(model, account);
        List<AuthorizationDetails.UserDetail> users = new ArrayList<>();
        List<AuthorizationDetails.GroupDetail> groups = new ArrayList<>();
        List<AuthorizationDetails.RoleDetail> roles = new ArrayList<>();
        List<AuthorizationDetails.ManagedPolicyDetail> policies = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        int pages = 0;
        do {
            AuthorizationDetails page = model.getAccountAuthorizationDetails(account, Set.of(),
                    new PageRequest(marker, 7));
            assertThat(page.users().size() + page.groups().size() + page.roles().size() + page.policies().size())
                    .isLessThanOrEqualTo(7);
            users.addAll(page.users());
            groups.addAll(page.groups());
            roles.addAll(page.roles());
            policies.addAll(page.policies());
            marker = page.marker();
            pages++;
        } while (marker.isPresent());
        assertThat(pages).isGreaterThan(3);
        assertThat(new AuthorizationDetails(users, groups, roles, policies, false, Optional.empty())).isEqualTo(all);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static AuthorizationDetails everything(IamReadModel model, String account) {
        AuthorizationDetails details = model.getAccountAuthorizationDetails(account, Set.of(), PageRequest.of(null, 1000));
        assertThat(details.isTruncated()).isFalse();
        return details;
    }

    private static <T> List<String> names(Page<T> page, Function<T, String> name) {
        List<String> names = new ArrayList<>();
        page.items().forEach(item -> names.add(name.apply(item)));
        return names;
    }

    private static void assertNoSuchEntity(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ENTITY);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static BuiltInPolicy builtIn(String name, String path) {
        return new BuiltInPolicy(name, path, "arn:aws:iam::aws:policy" + path + name, "ANPA" + name.toUpperCase(),
                "v1", Optional.empty(), Instant.parse("2015-02-06T18:39:46Z"), Instant.parse("2016-02-06T18:39:46Z"),
                "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Id\":\"" + name + "\"}", true);
    }
}
