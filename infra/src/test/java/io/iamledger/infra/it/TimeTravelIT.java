package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The time-travel API as a client uses it, SigV4-signed by the SDK's signer: {@code can} answers for past
 * instants with the statements that decided and the calls that put them there; {@code state} shows the account as
 * it stood; bad input gets 400s, unsigned or unauthorized calls 403s, and every call is in the audit trail.
 */
class TimeTravelIT {
    private static final String READ_REPORTS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Reports\","
            + "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";

    private final IamClient root = SharedLedger.iam();
    private final AwsCredentials rootKey = SharedLedger.rootCredentials();
    private final String account = SharedLedger.server().accountId();

    @Test
    void aGroupsPolicyIsPutThereByTheMembershipAndTheGroupsAttachment() throws Exception {
        String carol = SharedLedger.unique("carol");
        String readers = SharedLedger.unique("readers");
        String others = SharedLedger.unique("others");
        root.createUser(r -> r.userName(carol));
        root.createGroup(r -> r.groupName(readers));
        root.createGroup(r -> r.groupName(others));
        String policyArn = root.createPolicy(r -> r.policyName(SharedLedger.unique("reports"))
                .policyDocument(READ_REPORTS)).policy().arn();
        root.attachGroupPolicy(r -> r.groupName(readers).policyArn(policyArn));
        root.addUserToGroup(r -> r.groupName(others).userName(carol)); // a group without the policy adds no link
        root.addUserToGroup(r -> r.groupName(readers).userName(carol));
        Instant granted = pause();

        JsonNode statement = can("arn:aws:iam::" + account + ":user/" + carol, granted).path("evidence")
                .path("statements").get(0);
        List<String> links = new ArrayList<>();
        statement.path("putThereBy").forEach(link -> links.add(link.path("relation").asText() + " "
                + link.path("via").asText() + " " + link.path("event").path("call").path("eventName").asText()));
        assertThat(links).containsExactly("groupMembership " + readers + " AddUserToGroup",
                "groupAttachment " + readers + " AttachGroupPolicy", "defaultVersion v1 CreatePolicy");
    }

    @Test
    void canAnswersForEachInstantWithTheAttachmentThatGrantedIt() throws Exception {
        String bob = SharedLedger.unique("bob");
        root.createUser(r -> r.userName(bob));
        String policyArn = root.createPolicy(r -> r.policyName(SharedLedger.unique("reports"))
                .policyDocument(READ_REPORTS)).policy().arn();
        Instant beforeGrant = pause();
        root.attachUserPolicy(r -> r.userName(bob).policyArn(policyArn));
        Instant whileGranted = pause();
        root.detachUserPolicy(r -> r.userName(bob).policyArn(policyArn));
        Instant afterRevoke = pause();
        String bobArn = "arn:aws:iam::" + account + ":user/" + bob;

        assertThat(can(bobArn, beforeGrant).path("decision").asText()).isEqualTo("implicitDeny");
        assertThat(can(bobArn, afterRevoke).path("decision").asText()).isEqualTo("implicitDeny");
        JsonNode granted = can(bobArn, whileGranted);
        assertThat(granted.path("decision").asText()).isEqualTo("allowed");
        JsonNode statement = granted.path("evidence").path("statements").get(0);
        assertThat(statement.path("policy").asText()).isEqualTo(policyArn);
        assertThat(statement.path("policyKind").asText()).isEqualTo("CUSTOMER_MANAGED");
        assertThat(statement.path("sid").asText()).isEqualTo("Reports");
        List<String> relations = new ArrayList<>();
        statement.path("putThereBy").forEach(link -> relations.add(link.path("relation").asText()));
        assertThat(relations).containsExactly("attachment", "defaultVersion");
        JsonNode attachment = statement.path("putThereBy").get(0).path("event");
        assertThat(attachment.path("eventType").asText()).contains("Attached");
        assertThat(attachment.path("call").path("eventName").asText()).isEqualTo("AttachUserPolicy");
        assertThat(attachment.path("call").path("actor").asText()).isEqualTo("arn:aws:iam::" + account + ":root");
        assertThat(statement.path("putThereBy").get(1).path("event").path("call").path("eventName").asText())
                .isEqualTo("CreatePolicy");

        // the call that put it there is the one the audit trail shows for that eventID
        String eventId = attachment.path("call").path("eventID").asText();
        try (CloudTrailClient trail = AuditTrailIT.cloudTrail(rootKey)) {
            List<Event> found = trail.lookupEvents(r -> r.lookupAttributes(LookupAttribute.builder()
                    .attributeKey(LookupAttributeKey.EVENT_ID).attributeValue(eventId).build())).events();
            assertThat(found).extracting(Event::eventName).containsExactly("AttachUserPolicy");
        }
    }

    @Test
    void timelineShowsEachIntervalWithTheEventsThatOpenedAndClosedIt() {
        String hank = SharedLedger.unique("hank");
        root.createUser(r -> r.userName(hank));
        String policyArn = root.createPolicy(r -> r.policyName(SharedLedger.unique("reports"))
                .policyDocument(READ_REPORTS)).policy().arn();
        Instant start = pause();
        root.attachUserPolicy(r -> r.userName(hank).policyArn(policyArn));
        Instant firstGrant = pause();
        root.detachUserPolicy(r -> r.userName(hank).policyArn(policyArn));
        root.tagUser(r -> r.userName(hank).tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("k")
                .value("v").build()));
        root.attachUserPolicy(r -> r.userName(hank).policyArn(policyArn));
        Instant end = pause();
        String hankArn = "arn:aws:iam::" + account + ":user/" + hank;

        JsonNode timeline = timeline(hankArn, start, end);
        JsonNode intervals = timeline.path("intervals");
        assertThat(intervals).as("%s", timeline).hasSize(2);
        assertThat(intervals.get(0).path("openedBy").path("call").path("eventName").asText())
                .isEqualTo("AttachUserPolicy");
        assertThat(intervals.get(0).path("closedBy").path("call").path("eventName").asText())
                .isEqualTo("DetachUserPolicy");
        assertThat(Instant.parse(intervals.get(0).path("from").asText())).isBetween(start, firstGrant);
        assertThat(intervals.get(1).has("to")).isFalse();
        assertThat(intervals.get(1).has("closedBy")).isFalse();
        // the tag changed nothing the answer depends on, so it opens no interval of its own
        assertThat(intervals.get(1).path("openedBy").path("call").path("eventName").asText())
                .isEqualTo("AttachUserPolicy");

        JsonNode fromInside = timeline(hankArn, firstGrant, end).path("intervals");
        assertThat(fromInside.get(0).path("openedBefore").asBoolean()).isTrue();
        assertThat(fromInside.get(0).path("openedBy").path("call").path("eventName").asText())
                .isIn("AttachUserPolicy", "CreatePolicy");
    }

    @Test
    void diffListsWhatWasGainedAndLostAndTheEventsInBetween() {
        String ivan = SharedLedger.unique("ivan");
        String team = SharedLedger.unique("team");
        root.createUser(r -> r.userName(ivan));
        root.createGroup(r -> r.groupName(team));
        root.putUserPolicy(r -> r.userName(ivan).policyName("old").policyDocument(READ_REPORTS));
        Instant before = pause();
        root.addUserToGroup(r -> r.groupName(team).userName(ivan));
        root.attachUserPolicy(r -> r.userName(ivan).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        root.deleteUserPolicy(r -> r.userName(ivan).policyName("old"));
        Instant after = pause();
        LedgerApi.Answer diff = LedgerApi.get(rootKey, "/v1/diff", "principal", "arn:aws:iam::" + account
                + ":user/" + ivan, "from", before.toString(), "to", after.toString());
        assertThat(diff.status()).as("%s", diff.body()).isEqualTo(200);
        List<String> gained = new ArrayList<>();
        diff.body().path("gained").forEach(grant -> gained.add(grant.path("kind").asText() + ":"
                + grant.path("policy").asText(grant.path("group").asText())));
        assertThat(gained).contains("group:" + team, "managedPolicy:arn:aws:iam::aws:policy/ReadOnlyAccess",
                "statement:arn:aws:iam::aws:policy/ReadOnlyAccess");
        List<String> lost = new ArrayList<>();
        diff.body().path("lost").forEach(grant -> lost.add(grant.path("kind").asText() + ":"
                + grant.path("policy").asText()));
        assertThat(lost).containsExactlyInAnyOrder("inlinePolicy:old", "statement:old");
        List<String> calls = new ArrayList<>();
        diff.body().path("events").forEach(event -> calls.add(event.path("call").path("eventName").asText()));
        assertThat(calls).containsExactly("AddUserToGroup", "AttachUserPolicy", "DeleteUserPolicy");
    }

    @Test
    void whoCanNamesEveryPrincipalThatCouldAndWhy() {
        String bucket = SharedLedger.unique("bucket");
        String allowedUser = SharedLedger.unique("judy");
        String otherUser = SharedLedger.unique("ken");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Bucket\",\"Effect\":\"Allow\","
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        root.createUser(r -> r.userName(allowedUser));
        root.createUser(r -> r.userName(otherUser));
        Instant before = pause();
        root.putUserPolicy(r -> r.userName(allowedUser).policyName("bucket").policyDocument(policy));
        Instant after = pause();
        String[] question = {"account", account, "action", "s3:PutObject", "resource",
            "arn:aws:s3:::" + bucket + "/a.txt"};
        LedgerApi.Answer now = LedgerApi.get(rootKey, "/v1/who-can", append(question, "at", after.toString()));
        assertThat(now.status()).as("%s", now.body()).isEqualTo(200);
        List<String> arns = new ArrayList<>();
        now.body().path("principals").forEach(p -> arns.add(p.path("arn").asText()));
        assertThat(arns).contains("arn:aws:iam::" + account + ":user/" + allowedUser)
                .doesNotContain("arn:aws:iam::" + account + ":user/" + otherUser);
        LedgerApi.Answer then = LedgerApi.get(rootKey, "/v1/who-can", append(question, "at", before.toString()));
        List<String> arnsThen = new ArrayList<>();
        then.body().path("principals").forEach(p -> arnsThen.add(p.path("arn").asText()));
        assertThat(arnsThen).doesNotContain("arn:aws:iam::" + account + ":user/" + allowedUser);
    }

    @Test
    void whoCanFollowsTrustPoliciesToThoseWhoCouldAssumeAnAllowedRole() {
        String bucket = SharedLedger.unique("chain-bucket");
        String reader = SharedLedger.unique("reader");
        String hop = SharedLedger.unique("hop");
        String lena = SharedLedger.unique("lena");
        String mike = SharedLedger.unique("mike");
        String nora = SharedLedger.unique("nora");
        String arn = "arn:aws:iam::" + account + ":";
        String trustAccount = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"" + arn + "root\"},\"Action\":\"sts:AssumeRole\"}]}";
        String trustLena = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"" + arn + "user/" + lena + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        String assumeReader = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + arn + "role/" + reader + "\"}]}";
        for (String user : List.of(lena, mike, nora)) {
            root.createUser(r -> r.userName(user));
        }
        root.createRole(r -> r.roleName(reader).assumeRolePolicyDocument(trustAccount));
        root.putRolePolicy(r -> r.roleName(reader).policyName("read").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
        root.createRole(r -> r.roleName(hop).assumeRolePolicyDocument(trustLena));
        root.putUserPolicy(r -> r.userName(mike).policyName("assume").policyDocument(assumeReader));
        Instant beforeHop = pause();
        root.putRolePolicy(r -> r.roleName(hop).policyName("assume").policyDocument(assumeReader));
        Instant after = pause();
        String[] question = {"account", account, "action", "s3:GetObject", "resource",
            "arn:aws:s3:::" + bucket + "/a.txt"};

        JsonNode now = LedgerApi.get(rootKey, "/v1/who-can", append(question, "at", after.toString())).body();
        Map<String, List<String>> chains = new HashMap<>();
        now.path("principals").forEach(p -> {
            List<String> chain = new ArrayList<>();
            p.path("assumes").forEach(role -> chain.add(role.asText()));
            chains.put(p.path("arn").asText(), chain);
        });
        assertThat(chains).containsEntry(arn + "role/" + reader, List.of())
                .containsEntry(arn + "user/" + mike, List.of(arn + "role/" + reader))
                .containsEntry(arn + "role/" + hop, List.of(arn + "role/" + reader))
                .containsEntry(arn + "user/" + lena, List.of(arn + "role/" + hop, arn + "role/" + reader))
                .doesNotContainKey(arn + "user/" + nora);
        now.path("principals").forEach(p -> {
            if (p.path("arn").asText().equals(arn + "user/" + lena)) {
                assertThat(p.path("through").get(0).path("sid").asText()).isEqualTo("Read");
            }
        });
        assertThat(now.path("trustChecks").asInt()).isPositive();

        JsonNode then = LedgerApi.get(rootKey, "/v1/who-can", append(question, "at", beforeHop.toString())).body();
        List<String> arnsThen = new ArrayList<>();
        then.path("principals").forEach(p -> arnsThen.add(p.path("arn").asText()));
        assertThat(arnsThen).contains(arn + "user/" + mike).doesNotContain(arn + "user/" + lena, arn + "role/" + hop);
    }

    @Test
    void aGroupsInlinePolicyIsTracedThroughTheMembership() {
        String carol = SharedLedger.unique("carol");
        String team = SharedLedger.unique("team");
        root.createUser(r -> r.userName(carol));
        root.createGroup(r -> r.groupName(team));
        root.putGroupPolicy(r -> r.groupName(team).policyName("reports").policyDocument(READ_REPORTS));
        Instant beforeJoining = pause();
        root.addUserToGroup(r -> r.groupName(team).userName(carol));
        Instant member = pause();
        String carolArn = "arn:aws:iam::" + account + ":user/" + carol;

        assertThat(can(carolArn, beforeJoining).path("decision").asText()).isEqualTo("implicitDeny");
        JsonNode granted = can(carolArn, member);
        assertThat(granted.path("decision").asText()).isEqualTo("allowed");
        JsonNode statement = granted.path("evidence").path("statements").get(0);
        assertThat(statement.path("policyKind").asText()).isEqualTo("GROUP_INLINE");
        assertThat(statement.path("group").asText()).isEqualTo(team);
        List<String> calls = new ArrayList<>();
        statement.path("putThereBy").forEach(link -> calls.add(link.path("relation").asText() + ":"
                + link.path("event").path("call").path("eventName").asText()));
        assertThat(calls).containsExactly("groupMembership:AddUserToGroup", "groupInlinePolicy:PutGroupPolicy");
    }

    @Test
    void anExplicitDenyIsTheEvidenceOfAnExplicitDeny() {
        String dan = SharedLedger.unique("dan");
        root.createUser(r -> r.userName(dan));
        root.putUserPolicy(r -> r.userName(dan).policyName("allow").policyDocument(READ_REPORTS));
        root.putUserPolicy(r -> r.userName(dan).policyName("deny").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        JsonNode answer = can("arn:aws:iam::" + account + ":user/" + dan, pause());
        assertThat(answer.path("decision").asText()).isEqualTo("explicitDeny");
        assertThat(answer.path("evidence").path("statements")).hasSize(1);
        assertThat(answer.path("evidence").path("statements").get(0).path("policy").asText()).isEqualTo("deny");
        assertThat(answer.path("evidence").path("reason").asText()).contains("explicit deny");
    }

    @Test
    void aPrincipalThatDidNotExistYetCouldNotDoAnything() {
        Instant before = pause();
        String erin = SharedLedger.unique("erin");
        root.createUser(r -> r.userName(erin));
        root.putUserPolicy(r -> r.userName(erin).policyName("allow").policyDocument(READ_REPORTS));
        JsonNode answer = can("arn:aws:iam::" + account + ":user/" + erin, before);
        assertThat(answer.path("decision").asText()).isEqualTo("implicitDeny");
        assertThat(answer.path("evidence").path("principalExisted").asBoolean()).isFalse();
    }

    @Test
    void stateShowsTheAccountAsItStood() {
        String frank = SharedLedger.unique("frank");
        Instant before = pause();
        root.createUser(r -> r.userName(frank));
        root.putUserPolicy(r -> r.userName(frank).policyName("allow").policyDocument(READ_REPORTS));
        Instant after = pause();
        LedgerApi.Answer then = LedgerApi.get(rootKey, "/v1/state", "account", account, "at", before.toString());
        LedgerApi.Answer now = LedgerApi.get(rootKey, "/v1/state", "account", account, "at", after.toString());
        assertThat(then.status()).isEqualTo(200);
        assertThat(userNames(then.body())).doesNotContain(frank);
        assertThat(userNames(now.body())).contains(frank);
        JsonNode detail = null;
        for (JsonNode user : now.body().path("UserDetailList")) {
            if (user.path("UserName").asText().equals(frank)) {
                detail = user;
            }
        }
        assertThat(detail).isNotNull();
        assertThat(detail.path("UserPolicyList").get(0).path("PolicyName").asText()).isEqualTo("allow");
        assertThat(detail.path("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/" + frank);
    }

    @Test
    void badInputGetsA400WithAnAwsStyleCode() {
        LedgerApi.Answer badArn = LedgerApi.get(rootKey, "/v1/can", "principal", "bob", "action", "s3:GetObject",
                "resource", "*");
        assertThat(badArn.status()).isEqualTo(400);
        assertThat(badArn.body().path("code").asText()).isEqualTo("InvalidInput");
        assertThat(badArn.body().path("message").asText()).contains("bob");
        LedgerApi.Answer badInstant = LedgerApi.get(rootKey, "/v1/can", "principal", "arn:aws:iam::" + account
                + ":user/x", "action", "s3:GetObject", "resource", "*", "at", "last March");
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.body().path("code").asText()).isEqualTo("InvalidParameterValue");
        LedgerApi.Answer future = LedgerApi.get(rootKey, "/v1/can", "principal", "arn:aws:iam::" + account
                + ":user/x", "action", "s3:GetObject", "resource", "*", "at", "2999-01-01T00:00:00Z");
        assertThat(future.status()).isEqualTo(400);
        LedgerApi.Answer missing = LedgerApi.get(rootKey, "/v1/can", "action", "s3:GetObject");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("code").asText()).isEqualTo("MissingParameter");
        LedgerApi.Answer unknown = LedgerApi.get(rootKey, "/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        LedgerApi.Answer wrongMethod = LedgerApi.call(rootKey, "iamledger", SdkHttpMethod.POST, "/v1/state");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void callsAreSignedAuthorizedAndAudited() {
        String grace = SharedLedger.unique("grace");
        root.createUser(r -> r.userName(grace));
        AccessKey key = root.createAccessKey(r -> r.userName(grace)).accessKey();
        AwsCredentials asGrace = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        String graceArn = "arn:aws:iam::" + account + ":user/" + grace;
        String[] question = {"principal", graceArn, "action", "s3:GetObject", "resource", "*"};

        LedgerApi.Answer unsigned = LedgerApi.get(null, "/v1/can", question);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.body().path("code").asText()).isEqualTo("MissingAuthenticationToken");
        LedgerApi.Answer wrongService = LedgerApi.call(rootKey, "iam", SdkHttpMethod.GET, "/v1/can", question);
        assertThat(wrongService.status()).isEqualTo(403);
        assertThat(wrongService.body().path("message").asText()).contains("iamledger");
        LedgerApi.Answer denied = LedgerApi.get(asGrace, "/v1/can", question);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().path("message").asText()).isEqualTo("User: " + graceArn + " is not authorized to"
                + " perform: iamledger:Can on resource: " + graceArn + " because no identity-based policy allows the"
                + " iamledger:Can action");
        root.putUserPolicy(r -> r.userName(grace).policyName("history").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iamledger:*\",\"Resource\":\"*\"}]}"));
        assertThat(LedgerApi.get(asGrace, "/v1/can", question).status()).isEqualTo(200);
        // another account's principals are out of reach, whatever the policies say
        LedgerApi.Answer elsewhere = LedgerApi.get(asGrace, "/v1/can", "principal",
                "arn:aws:iam::999999999999:user/x", "action", "s3:GetObject", "resource", "*");
        assertThat(elsewhere.status()).isEqualTo(403);

        try (CloudTrailClient trail = AuditTrailIT.cloudTrail(rootKey)) {
            Instant deadline = Instant.now().plusSeconds(5);
            List<Event> calls;
            do {
                calls = trail.lookupEvents(r -> r.lookupAttributes(LookupAttribute.builder()
                        .attributeKey(LookupAttributeKey.USERNAME).attributeValue(grace).build())).events();
            } while (calls.size() < 3 && Instant.now().isBefore(deadline));
            assertThat(calls).extracting(Event::eventName).containsExactly("Can", "Can", "Can");
            assertThat(calls).extracting(Event::eventSource).containsOnly("iamledger.amazonaws.com");
            assertThat(calls.get(2).cloudTrailEvent()).contains("\"errorCode\":\"AccessDenied\"");
        }
    }

    private JsonNode can(String principal, Instant at) {
        LedgerApi.Answer answer = LedgerApi.get(rootKey, "/v1/can", "principal", principal,
                "action", "s3:GetObject", "resource", "arn:aws:s3:::reports/q1.csv", "at", at.toString());
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private JsonNode timeline(String principal, Instant from, Instant to) {
        LedgerApi.Answer answer = LedgerApi.get(rootKey, "/v1/timeline", "principal", principal,
                "action", "s3:GetObject", "resource", "arn:aws:s3:::reports/q1.csv", "from", from.toString(),
                "to", to.toString());
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String[] append(String[] parameters, String name, String value) {
        String[] all = java.util.Arrays.copyOf(parameters, parameters.length + 2);
        all[parameters.length] = name;
        all[parameters.length + 1] = value;
        return all;
    }

    private static List<String> userNames(JsonNode state) {
        List<String> names = new ArrayList<>();
        state.path("UserDetailList").forEach(user -> names.add(user.path("UserName").asText()));
        return names;
    }

    /** An instant strictly between what came before and what comes after (event times have microseconds). */
    private static Instant pause() {
        try {
            Thread.sleep(5);
            Instant now = Instant.now();
            Thread.sleep(5);
            return now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
