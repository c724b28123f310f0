package io.iamledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.error.IamException;
import io.iamledger.query.projection.EventLog;
import io.iamledger.query.projection.Scenario;
import io.iamledger.query.projection.SyntheticLog;
import io.iamledger.query.projection.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PermissionsReadModel}'s one query against {@link IamReadModel}'s paged reads, which answer the same
 * questions one entity at a time: at many moments of a random history, for every user and role, and for the whole
 * account at once.
 */
class PermissionsReadModelTest {
    private final DataSource db = TestDatabase.dataSource();

    @Test
    void oneQueryReadsWhatThePagedReadsReadAtEveryMoment() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(33, 2, 1_200);
        String schema = TestDatabase.freshSchema("permission_facts");
        EventLog.replay(db, schema, log, 100);
        IamReadModel model = IamReadModel.create(db, schema, BuiltInPolicies.none());
        Set<String> accounts = new HashSet<>();
        log.forEach(envelope -> accounts.add(envelope.accountId()));
        int principalsCompared = 0;
        int withGroups = 0;
        int withManaged = 0;
        for (int cut : new int[] {50, 300, 650, 1_000, log.size()}) {
            EventEnvelope last = log.get(cut - 1);
            for (IamReadModel then : List.of(model.asOfSequence(last.globalSequence()), model.asOf(last.occurredAt()))) {
                for (String account : accounts) {
                    PermissionFacts everyone = then.permissions().account(account);
                    List<PermissionFacts.Holder> one = new ArrayList<>();
                    for (User user : Page.all(page -> then.listUsers(account, page))) {
                        PermissionFacts facts = then.permissions().user(account, user.userName().toUpperCase());
                        assertThat(facts.principals()).hasSize(1);
                        assertThat(canonical(facts, facts.principals().get(0))).isEqualTo(paged(then, account, user));
                        assertThat(canonical(everyone, facts.principals().get(0))).isEqualTo(paged(then, account, user));
                        one.add(facts.principals().get(0));
                        withGroups += facts.principals().get(0).groupIds().isEmpty() ? 0 : 1;
                        withManaged += facts.managedPolicies().isEmpty() ? 0 : 1;
                    }
                    for (Role role : Page.all(page -> then.listRoles(account, "/", page))) {
                        PermissionFacts facts = then.permissions().role(account, role.roleName());
                        assertThat(facts.principals()).hasSize(1);
                        assertThat(canonical(facts, facts.principals().get(0))).isEqualTo(paged(then, account, role));
                        one.add(facts.principals().get(0));
                    }
                    assertThat(everyone.principals()).containsExactlyElementsOf(one);
                    principalsCompared += one.size();
                }
            }
        }
        assertThat(principalsCompared).isGreaterThan(100);
        assertThat(withGroups).isGreaterThan(10);
        assertThat(withManaged).isGreaterThan(10);
    }

    @Test
    void aWindowsHistoryReadsWhatAsOfReadsAtEveryInstantOfItAndChangesOnlyWhereItSays() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(34, 2, 1_200);
        String schema = TestDatabase.freshSchema("permission_history");
        EventLog.replay(db, schema, log, 100);
        IamReadModel model = IamReadModel.create(db, schema, BuiltInPolicies.none());
        Instant from = log.get(150).occurredAt();
        Instant to = log.get(1_100).occurredAt();
        Set<String> accounts = new HashSet<>();
        log.forEach(envelope -> accounts.add(envelope.accountId()));
        Set<List<String>> names = new TreeSet<>(Comparator.comparing((List<String> name) -> String.join(" ", name)));
        for (int cut : new int[] {150, 400, 700, 1_100}) {
            IamReadModel then = model.asOfSequence(log.get(cut).globalSequence());
            for (String account : accounts) {
                Page.all(page -> then.listUsers(account, page)).forEach(user -> names.add(List.of(account, "user",
                        user.userName())));
                Page.all(page -> then.listRoles(account, "/", page)).forEach(role -> names.add(List.of(account,
                        "role", role.roleName())));
            }
        }
        int instantsCompared = 0;
        int changesSeen = 0;
        for (List<String> name : names) {
            String account = name.get(0);
            boolean user = name.get(1).equals("user");
            PermissionHistory history = user ? model.permissions().userHistory(account, name.get(2), from, to)
                    : model.permissions().roleHistory(account, name.get(2), from, to);
            List<Instant> starts = new ArrayList<>();
            starts.add(history.from());
            history.changes().forEach(change -> starts.add(change.time()));
            changesSeen += starts.size() - 1;
            List<PermissionFacts> swept = new ArrayList<>();
            history.forEachChange((change, facts) -> swept.add(facts));
            assertThat(swept).hasSize(starts.size() - 1);
            for (int i = 1; i < starts.size(); i++) {
                assertThat(swept.get(i - 1)).isEqualTo(history.at(starts.get(i)));
            }
            for (int i = 0; i < starts.size(); i++) {
                Instant start = starts.get(i);
                // the facts of each change hold, unchanged, until just before the next one
                Instant end = i + 1 < starts.size() ? starts.get(i + 1).minus(1, ChronoUnit.MICROS) : to;
                for (Instant at : new Instant[] {start, end}) {
                    PermissionsReadModel then = model.permissions().asOf(at);
                    PermissionFacts read = user ? then.user(account, name.get(2)) : then.role(account, name.get(2));
                    assertThat(history.at(at)).as("%s at %s", name, at).isEqualTo(read);
                    instantsCompared++;
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(20);
        assertThat(changesSeen).isGreaterThan(100);
        assertThat(instantsCompared).isGreaterThan(200);
    }

    @Test
    void aNameThatIsNotThereReadsAsNoPrincipal() throws Exception {
        String schema = TestDatabase.freshSchema("permission_facts_absent");
        EventLog.replay(db, schema, Scenario.log().envelopes(), 100);
        IamReadModel model = IamReadModel.create(db, schema, BuiltInPolicies.none());
        assertThat(model.permissions().user(Scenario.ACCOUNT, "nobody").principals()).isEmpty();
        assertThat(model.permissions().role(Scenario.ACCOUNT, "nobody").only()).isEmpty();
        assertThat(model.permissions().user("999999999999", "alice2").principals()).isEmpty();
        assertThat(model.permissions().user(Scenario.ACCOUNT, "alice2").only()).isPresent();
        assertThat(model.asOf(Scenario.T0.minusSeconds(1)).permissions().account(Scenario.ACCOUNT).principals())
                .isEmpty();
    }

    /** A principal's facts as a comparable text: the documents of everything it holds, through its groups too. */
    private static Map<String, String> canonical(PermissionFacts facts, PermissionFacts.Holder principal) {
        Map<String, String> out = new TreeMap<>();
        out.put("arn", principal.arn());
        out.put("id", principal.id());
        principal.tags().forEach(tag -> out.put("tag " + tag.key(), tag.value()));
        principal.boundaryArn().ifPresent(arn -> out.put("boundary", arn + managed(facts, arn)));
        principal.trustPolicy().ifPresent(trust -> out.put("trust", trust));
        principal.inlinePolicies().forEach(policy -> out.put("inline " + policy.policyName(), policy.policyDocument()));
        principal.attachedPolicies().forEach(arn -> out.put("attached " + arn, managed(facts, arn)));
        for (String groupId : principal.groupIds()) {
            PermissionFacts.Holder group = facts.groups().get(groupId);
            out.put("group " + group.name(), group.arn());
            group.inlinePolicies().forEach(policy -> out.put("group " + group.name() + " inline "
                    + policy.policyName(), policy.policyDocument()));
            group.attachedPolicies().forEach(arn -> out.put("group " + group.name() + " attached " + arn,
                    managed(facts, arn)));
        }
        return out;
    }

    private static String managed(PermissionFacts facts, String arn) {
        PermissionFacts.ManagedPolicyVersion version = facts.managedPolicies().get(arn);
        return version == null ? "(none)" : version.policyId() + " " + version.versionId() + " " + version.document();
    }

    private static Map<String, String> paged(IamReadModel then, String account, User user) {
        String name = user.userName();
        Map<String, String> out = new TreeMap<>();
        out.put("arn", user.arn());
        out.put("id", user.userId());
        user.tags().forEach(tag -> out.put("tag " + tag.key(), tag.value()));
        user.permissionsBoundaryArn().ifPresent(arn -> out.put("boundary", arn + managed(then, account, arn)));
        for (String policy : Page.all(page -> then.listUserPolicies(account, name, page))) {
            out.put("inline " + policy, then.getUserPolicy(account, name, policy).policyDocument());
        }
        for (AttachedPolicy policy : Page.all(page -> then.listAttachedUserPolicies(account, name, "/", page))) {
            out.put("attached " + policy.policyArn(), managed(then, account, policy.policyArn()));
        }
        for (Group group : Page.all(page -> then.listGroupsForUser(account, name, page))) {
            String groupName = group.groupName();
            out.put("group " + groupName, group.arn());
            for (String policy : Page.all(page -> then.listGroupPolicies(account, groupName, page))) {
                out.put("group " + groupName + " inline " + policy,
                        then.getGroupPolicy(account, groupName, policy).policyDocument());
            }
            for (AttachedPolicy policy : Page.all(page -> then.listAttachedGroupPolicies(account, groupName, "/",
                    page))) {
                out.put("group " + groupName + " attached " + policy.policyArn(),
                        managed(then, account, policy.policyArn()));
            }
        }
        return out;
    }

    private static Map<String, String> paged(IamReadModel then, String account, Role role) {
        String name = role.roleName();
        Map<String, String> out = new TreeMap<>();
        out.put("arn", role.arn());
        out.put("id", role.roleId());
        role.tags().forEach(tag -> out.put("tag " + tag.key(), tag.value()));
        role.permissionsBoundaryArn().ifPresent(arn -> out.put("boundary", arn + managed(then, account, arn)));
        out.put("trust", role.assumeRolePolicyDocument());
        for (String policy : Page.all(page -> then.listRolePolicies(account, name, page))) {
            out.put("inline " + policy, then.getRolePolicy(account, name, policy).policyDocument());
        }
        for (AttachedPolicy policy : Page.all(page -> then.listAttachedRolePolicies(account, name, "/", page))) {
            out.put("attached " + policy.policyArn(), managed(then, account, policy.policyArn()));
        }
        return out;
    }

    private static String managed(IamReadModel then, String account, String arn) {
        Optional<ManagedPolicy> policy;
        try {
            policy = Optional.of(then.getPolicy(account, arn));
        } catch (IamException e) {
            policy = Optional.empty();
        }
        return policy.map(found -> found.policyId() + " " + found.defaultVersionId() + " "
                + then.getPolicyVersion(account, arn, found.defaultVersionId()).document()).orElse("(none)");
    }
}
