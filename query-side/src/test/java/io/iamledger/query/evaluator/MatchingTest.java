package io.iamledger.query.evaluator;

import static io.iamledger.query.evaluator.Fixtures.ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ALICE;
import static io.iamledger.query.evaluator.Fixtures.ALICE_ARN;
import static io.iamledger.query.evaluator.Fixtures.CAROL;
import static io.iamledger.query.evaluator.Fixtures.OTHER_ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ROLE_ARN;
import static io.iamledger.query.evaluator.Fixtures.SESSION;
import static io.iamledger.query.evaluator.Fixtures.SESSION_ARN;
import static io.iamledger.query.evaluator.Fixtures.allow;
import static io.iamledger.query.evaluator.Fixtures.decide;
import static io.iamledger.query.evaluator.Fixtures.identity;
import static io.iamledger.query.evaluator.Fixtures.request;
import static io.iamledger.query.evaluator.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Action, resource and principal matching and their Not- forms, from the IAM User Guide's pages on the Action,
 * NotAction, Resource, NotResource, Principal and NotPrincipal elements; the passage relied on is quoted above
 * each test.
 */
class MatchingTest {

    private static boolean allowed(CompiledPolicy policy, String action, String resource) {
        return decide(request(ALICE, action, resource, policy)) == Decision.ALLOWED;
    }

    // ---- Action / NotAction ----

    // "The prefix and the action name are case insensitive. For example, iam:ListAccessKeys is the same as
    // IAM:listaccesskeys."
    @Test
    void actionsMatchCaseInsensitively() {
        assertThat(allowed(allow("IAM:listaccesskeys", "*"), "iam:ListAccessKeys", "*")).isTrue();
        assertThat(allowed(allow("iam:ListAccessKeys", "*"), "IAM:LISTACCESSKEYS", "*")).isTrue();
    }

    @Test
    void mayAllowAsksWhetherAnyAllowStatementListsTheActionWhateverItsResourcesAndConditions() {
        String action = "sts:AssumeRole";
        assertThat(policies(identity("{'Effect':'Allow','Action':'sts:Assume*','Resource':'arn:aws:iam::1:role/x',"
                + "'Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}}")).mayAllow(action)).isTrue();
        assertThat(policies(identity("{'Effect':'Allow','NotAction':'s3:*','Resource':'*'}")).mayAllow(action)).isTrue();
        assertThat(policies(identity("{'Effect':'Allow','Action':'*','Resource':'*'}")).mayAllow("STS:ASSUMEROLE"))
                .isTrue();
        assertThat(policies(identity("{'Effect':'Allow','Action':'sts:AssumeRoleWithSAML','Resource':'*'}"))
                .mayAllow(action)).isFalse();
        assertThat(policies(identity("{'Effect':'Deny','Action':'sts:AssumeRole','Resource':'*'}")).mayAllow(action))
                .isFalse();
        assertThat(policies(identity("{'Effect':'Allow','NotAction':'sts:*','Resource':'*'}")).mayAllow(action))
                .isFalse();
        assertThat(CompiledPrincipalPolicies.empty().mayAllow(action)).isFalse();
    }

    private static CompiledPrincipalPolicies policies(CompiledPolicy policy) {
        return CompiledPrincipalPolicies.builder().identityPolicy(policy).build();
    }

    // "You can use wildcards (* or ?) as part of the action name."
    @Test
    void actionNamesTakeStarAndQuestionMarkWildcards() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':['s3:Get*','iam:?etUser','ec2:*Tags'],'Resource':'*'}");
        assertThat(allowed(policy, "s3:GetObjectAcl", "*")).isTrue();
        assertThat(allowed(policy, "iam:GetUser", "*")).isTrue();
        assertThat(allowed(policy, "iam:SetUser", "*")).isTrue();
        assertThat(allowed(policy, "iam:GetUsers", "*")).isFalse();
        assertThat(allowed(policy, "ec2:CreateTags", "*")).isTrue();
        assertThat(allowed(policy, "s3:PutObject", "*")).isFalse();
    }

    // The service prefix is matched as a whole: "s3:*" covers s3 only, not another service sharing the prefix.
    @Test
    void serviceWildcardStaysWithinItsService() {
        CompiledPolicy policy = allow("s3:*", "*");
        assertThat(allowed(policy, "s3:ListBucket", "*")).isTrue();
        assertThat(allowed(policy, "s3express:CreateSession", "*")).isFalse();
        assertThat(allowed(allow("*", "*"), "s3express:CreateSession", "*")).isTrue();
    }

    // NotAction: "you can use NotAction with the Allow effect to allow access to all of the actions in an AWS service,
    // except the actions specified in NotAction" – and to actions of every other service.
    @Test
    void notActionAllowCoversEverythingButTheListedActions() {
        CompiledPolicy policy = identity("{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}");
        assertThat(allowed(policy, "s3:GetObject", "*")).isTrue();
        assertThat(allowed(policy, "iam:CreateUser", "*")).isFalse();
    }

    // NotAction with Deny: "This ... denies all actions except those listed" – the listed ones are not denied.
    @Test
    void notActionDenyDeniesEverythingButTheListedActions() {
        CompiledPolicy policy = identity("[{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','NotAction':['iam:Get*','iam:List*'],'Resource':'*'}]");
        assertThat(allowed(policy, "iam:GetUser", "*")).isTrue();
        assertThat(decide(request(ALICE, "iam:CreateUser", "*", policy))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    // ---- Resource / NotResource ----

    // "The asterisk (*) character can expand to replace everything within a segment, including characters like a
    // forward slash (/)", with the S3 example list.
    @Test
    void resourceStarSpansSlashesWithinTheResourcePart() {
        CompiledPolicy policy = allow("s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*");
        for (String key : List.of("1/test/object.jpg", "1/2/test/object.jpg", "1/2/test/3/object.jpg",
                "1/2/3/test/4/object.jpg", "1///test///object.jpg", "1/test/.jpg", "/test/object.jpg", "1/test/")) {
            assertThat(allowed(policy, "s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/" + key)).as(key).isTrue();
        }
        for (String key : List.of("1-test/object.jpg", "test/object.jpg", "1/2/test.jpg")) {
            assertThat(allowed(policy, "s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/" + key)).as(key).isFalse();
        }
    }

    // "You can use wildcard characters (* and ?) within ARN segments (the parts separated by colons) to represent
    // any combination of characters with an asterisk (*) and any single character with a question mark (?)."
    @Test
    void resourceWildcardsMatchWithinSegments() {
        CompiledPolicy policy = allow("sqs:SendMessage", "arn:aws:sqs:us-*:" + ACCOUNT + ":queue-?");
        assertThat(allowed(policy, "sqs:SendMessage", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":queue-a")).isTrue();
        assertThat(allowed(policy, "sqs:SendMessage", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":queue-ab")).isFalse();
        assertThat(allowed(policy, "sqs:SendMessage", "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":queue-a")).isFalse();
        assertThat(allowed(allow("sqs:*", "arn:aws:sqs:*:*:*"), "sqs:SendMessage",
                "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":jobs")).isTrue();
    }

    // Current Resource page: "If the * wildcard is the last character of a resource ARN segment, it can expand to
    // match beyond the colon boundaries."
    @Test
    void resourceStarAtTheEndOfASegmentCanSpanColons() {
        assertThat(allowed(allow("logs:*", "arn:aws:logs:*:log-group:app"), "logs:PutLogEvents",
                "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:app")).isTrue();
        assertThat(allowed(allow("sqs:*", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":*"), "sqs:SendMessage",
                "arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs")).isTrue();
    }

    // The same passage for short patterns (fewer than six parts), which AWS accepts (see the events module's
    // ResourceFormat): a closing * covers the missing parts, colons and all. Without a wildcard a short pattern
    // names no ARN, so it matches nothing.
    @Test
    void shortResourcePatternEndingInStarCoversTheMissingParts() {
        assertThat(allowed(allow("s3:*", "arn:aws:s3::*"), "s3:GetObject", "arn:aws:s3:::bucket/key")).isTrue();
        assertThat(allowed(allow("iam:*", "arn:aws:iam::" + ACCOUNT.substring(0, 3) + "*"), "iam:GetUser",
                "arn:aws:iam::" + ACCOUNT + ":user/Bob")).isTrue();
        assertThat(allowed(allow("lambda:*", "arn:aws:lambda:us-east-1:" + ACCOUNT + "*"), "lambda:InvokeFunction",
                "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:f")).isTrue();
        assertThat(allowed(allow("lambda:*", "arn:aws:lambda:us-east-1:" + ACCOUNT + "*"), "lambda:InvokeFunction",
                "arn:aws:lambda:us-west-2:" + ACCOUNT + ":function:f")).isFalse();
        assertThat(allowed(allow("sqs:*", "arn:aws:sqs:us-east-1:" + ACCOUNT), "sqs:SendMessage",
                "arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs")).isFalse();
    }

    // The resource part after the fifth colon is one segment, so its * also spans colons.
    @Test
    void resourceStarSpansColonsWithinTheResourcePart() {
        assertThat(allowed(allow("logs:PutLogEvents", "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:app*"),
                "logs:PutLogEvents", "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:app:log-stream:1")).isTrue();
    }

    // ARNs are case sensitive in the resource part ("In a Principal element, the user name part of the ARN is case
    // sensitive"; IAM's ARN reference calls ARNs case sensitive).
    @Test
    void resourcePartIsCaseSensitive() {
        assertThat(allowed(allow("iam:GetUser", "arn:aws:iam::" + ACCOUNT + ":user/Bob"), "iam:GetUser",
                "arn:aws:iam::" + ACCOUNT + ":user/bob")).isFalse();
    }

    // "Some services do not let you specify actions for individual resources; ... In these cases, you use the
    // wildcard * in the Resource element." A request without a resource (*) matches only Resource "*".
    @Test
    void requestWithoutResourceMatchesOnlyTheWildcardResource() {
        assertThat(allowed(allow("iam:ListUsers", "*"), "iam:ListUsers", "*")).isTrue();
        assertThat(allowed(allow("iam:ListUsers", "arn:aws:iam::" + ACCOUNT + ":user/*"), "iam:ListUsers", "*"))
                .isFalse();
    }

    // NotResource: "the statement matches every resource except the ones specified".
    @Test
    void notResourceCoversEverythingButTheListedResources() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','NotResource':['arn:aws:s3:::secret',"
                + "'arn:aws:s3:::secret/*']}");
        assertThat(allowed(policy, "s3:GetObject", "arn:aws:s3:::public/a")).isTrue();
        assertThat(allowed(policy, "s3:GetObject", "arn:aws:s3:::secret/a")).isFalse();
        assertThat(allowed(policy, "s3:ListAllMyBuckets", "*")).isTrue();
    }

    // ---- Principal / NotPrincipal ----

    private static boolean bucketGrants(String principalJson, Principal caller) {
        CompiledPolicy bucket = resource("{'Effect':'Allow','Principal':" + principalJson
                + ",'Action':'s3:GetObject','Resource':'*'}");
        CompiledPrincipalPolicies own = Fixtures.policies(allow("s3:GetObject", "*"));
        String object = "arn:aws:s3:::shared/x";
        return decide(request(caller, "s3:GetObject", object).resource(object, ACCOUNT)
                .principalPolicies(caller.account().orElse("").equals(ACCOUNT) ? CompiledPrincipalPolicies.empty() : own)
                .resourcePolicy(bucket)) == Decision.ALLOWED;
    }

    // "you can use either of the following methods ... "AWS": "arn:aws:iam::123456789012:root" ... "AWS":
    // "123456789012" ... The account ARN and the shortened account ID behave the same way."
    @Test
    void accountIdAndRootArnNameTheSameAccount() {
        assertThat(bucketGrants("{'AWS':'" + OTHER_ACCOUNT + "'}", CAROL)).isTrue();
        assertThat(bucketGrants("{'AWS':'arn:aws:iam::" + OTHER_ACCOUNT + ":root'}", CAROL)).isTrue();
        assertThat(bucketGrants("{'AWS':'arn:aws:iam::999988887777:root'}", CAROL)).isFalse();
    }

    // "For resource-based policies, using a wildcard (*) ... grants access to all users" and "Principal": "*" is
    // equivalent to "Principal" : { "AWS" : "*" }.
    @Test
    void wildcardPrincipalNamesEveryone() {
        assertThat(bucketGrants("'*'", ALICE)).isTrue();
        assertThat(bucketGrants("{'AWS':'*'}", SESSION)).isTrue();
        assertThat(bucketGrants("{'AWS':'*'}", CAROL)).isTrue();
    }

    // IAM user, role and session principals are named by their ARNs; a user ARN names only that user.
    @Test
    void userRoleAndSessionArnsNameTheirPrincipals() {
        assertThat(bucketGrants("{'AWS':'" + ALICE_ARN + "'}", ALICE)).isTrue();
        assertThat(bucketGrants("{'AWS':'arn:aws:iam::" + ACCOUNT + ":user/alicia'}", ALICE)).isFalse();
        assertThat(bucketGrants("{'AWS':'" + SESSION_ARN + "'}", SESSION)).isTrue();
        assertThat(bucketGrants("{'AWS':'" + ROLE_ARN + "'}", SESSION)).isTrue();
        assertThat(bucketGrants("{'AWS':'arn:aws:sts::" + ACCOUNT + ":assumed-role/app/other'}", SESSION)).isFalse();
    }

    // "Service" and "Federated" principals name services and identity providers; "CanonicalUser" names an account.
    @Test
    void serviceFederatedAndCanonicalUserPrincipals() {
        String canonical = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
        assertThat(bucketGrants("{'Service':'cloudtrail.amazonaws.com'}", Principal.awsService("cloudtrail.amazonaws.com")))
                .isTrue();
        assertThat(bucketGrants("{'Federated':'accounts.google.com'}", Principal.webIdentityUser("accounts.google.com")))
                .isTrue();
        assertThat(bucketGrants("{'Federated':'accounts.google.com'}", Principal.webIdentityUser("graph.facebook.com")))
                .isFalse();
        assertThat(bucketGrants("{'CanonicalUser':'" + canonical + "'}", CAROL.withCanonicalUserId(canonical))).isTrue();
    }

    // NotPrincipal with Deny: "the actions specified in the policy statement are explicitly denied to all principals
    // except for the ones specified."
    @Test
    void notPrincipalDenyExemptsTheNamedPrincipals() {
        CompiledPolicy bucket = resource("[{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'},"
                + "{'Effect':'Deny','NotPrincipal':{'AWS':['" + ALICE_ARN + "','arn:aws:iam::" + ACCOUNT + ":root']},"
                + "'Action':'s3:*','Resource':'*'}]");
        String object = "arn:aws:s3:::shared/x";
        assertThat(decide(request(ALICE, "s3:GetObject", object).resource(object, ACCOUNT).resourcePolicy(bucket)))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(request(CAROL, "s3:GetObject", object, allow("s3:*", "*")).resource(object, ACCOUNT)
                .resourcePolicy(bucket))).isEqualTo(Decision.EXPLICIT_DENY);
    }
}
