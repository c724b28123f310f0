package io.iamledger.events.document;

import static io.iamledger.events.document.Policies.identity;
import static io.iamledger.events.document.Policies.identityRejection;
import static io.iamledger.events.document.Policies.json;
import static io.iamledger.events.document.Policies.statement;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which Resource and NotResource entries AWS accepts, short ARN patterns (fewer than six colon-separated parts)
 * especially, and the message each rejected form gets. Sources: moto's {@code moto/iam/policy_validation.py}
 * ({@code _validate_resource_format}, {@code _legacy_parse_resource_like}) and its test cases in
 * {@code tests/test_iam/test_iam_policies.py}, which record AWS's responses (getmoto/moto @ 0af643a5); the IAM User
 * Guide, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html; published
 * policies that AWS accepted.
 */
class PolicyDocumentsResourceFormatTest {

    private static String allowResource(String resource) {
        return statement("'Effect':'Allow','Action':'s3:*','Resource':'" + resource + "'");
    }

    // --- Accepted short forms

    /**
     * Rule: a short pattern ending in {@code *} is accepted, whatever its parts. The Resource page: "If the * wildcard
     * is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries".
     * {@code arn:aws:s3::*} and {@code arn:aws:iam::*} (an empty part, fewer than five colons) are deployed in
     * published code that AWS accepted: the GuardDuty hands-on CDK stack's user policy, Aviatrix's Terraform IAM
     * policies.
     */
    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:s3::*", "arn:aws:iam::*", "arn:aws:iam::111111111111*", "arn:aws:s3:*",
        "arn:aws:lambda:us-east-1:111111111*", "arn:aws:dynamodb:us-*", "arn:*:sqs:*", "arn:aws:sqs:*"})
    void acceptsShortPatternEndingInStar(String resource) {
        assertThat(identity(allowResource(resource)).statements().get(0).resource().orElseThrow().resources())
                .containsExactly(resource);
    }

    /**
     * Rule: a short pattern without a closing {@code *} is accepted when none of its parts is empty. moto's valid
     * test document with {@code "Resource": "arn:aws:fdsasf"}; its legacy parse only refuses short forms holding
     * {@code ::}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:fdsasf", "arn:aws:s3", "arn:aws:sqs:us-east-1:111111111111",
        "arn:aws:dynamodb:*:table/Orders", "arn:aws:sns:us-*:alerts"})
    void acceptsShortPatternWithoutEmptyPart(String resource) {
        assertThat(identity(allowResource(resource)).statements().get(0).resource().orElseThrow().resources())
                .containsExactly(resource);
    }

    /** The same rules hold for NotResource (moto runs one check for both elements). */
    @Test
    void acceptsShortPatternInNotResource() {
        assertThat(identity(statement("'Effect':'Deny','Action':'s3:*','NotResource':['arn:aws:s3::*','arn:aws:s3']"))
                .statements().get(0).resource().orElseThrow().resources())
                .containsExactly("arn:aws:s3::*", "arn:aws:s3");
    }

    // --- Legacy parsing

    /**
     * Rule: fewer than six parts, an empty one, no closing {@code *} fails legacy parsing. moto test cases
     * {@code "arn:aws:s3::example_bucket"} in Resource and in NotResource: "The policy failed legacy parsing".
     */
    @Test
    void rejectsShortPatternWithEmptyPartAndNoStar() {
        assertThat(identityRejection(allowResource("arn:aws:s3::example_bucket")))
                .isEqualTo("The policy failed legacy parsing (\"arn:aws:s3::example_bucket\" at Statement.Resource "
                        + "has fewer than six parts, an empty one, and no closing *)");
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:iam::x'")))
                .startsWith("The policy failed legacy parsing (\"arn:aws:iam::x\" at Statement.NotResource");
    }

    /** Rule: an empty service fails legacy parsing, short or not. moto test cases "arn:aws::::example_bucket", "arn:aws::fdsasf". */
    @ParameterizedTest
    @ValueSource(strings = {"arn:aws::::example_bucket", "arn:aws::fdsasf", "arn:aws::*", "arn:aws:"})
    void rejectsEmptyServiceAsLegacy(String resource) {
        assertThat(identityRejection(allowResource(resource)))
                .isEqualTo("The policy failed legacy parsing (\"" + resource + "\" at Statement.Resource has no service)");
    }

    /**
     * Rule: legacy parsing comes before Sid uniqueness and before the check that a statement has actions (moto's
     * test case with only Effect and Resource "arn:aws:s3::example_bucket" gets the legacy message).
     */
    @Test
    void legacyParsingComesBeforeMissingActions() {
        assertThat(identityRejection(statement("'Effect':'Allow','Resource':'arn:aws:s3::example_bucket'")))
                .startsWith("The policy failed legacy parsing");
        assertThat(identityRejection(json("""
                {'Version':'2012-10-17','Statement':[{'Sid':'A','Effect':'Allow','Action':'s3:*','Resource':'*'},
                  {'Sid':'A','Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3::b'}]}""")))
                .startsWith("The policy failed legacy parsing");
    }

    /** Rule: a statement with an entry that fails the format check is not legacy-parsed; the format message wins. */
    @Test
    void formatProblemInStatementSkipsItsLegacyParse() {
        assertThat(identityRejection(allowResourceList("'arn:aws:s3::b','bucket'")))
                .isEqualTo("Resource bucket must be in ARN format or \"*\". (at Statement.Resource)");
    }

    private static String allowResourceList(String entries) {
        return statement("'Effect':'Allow','Action':'s3:*','Resource':[" + entries + "]");
    }

    // --- Format check

    /** Rule: no colon at all. moto test cases "sdfsadf", "invalid resource", "": AWS's "must be in ARN format". */
    @ParameterizedTest
    @ValueSource(strings = {"sdfsadf", "invalid resource", ""})
    void rejectsResourceWithoutColon(String resource) {
        assertThat(identityRejection(allowResource(resource)))
                .isEqualTo("Resource " + resource + " must be in ARN format or \"*\". (at Statement.Resource)");
    }

    /**
     * Rule: the second part must be {@code *} or a partition; AWS names the resource with {@code arn} first and the
     * missing parts as {@code *}. moto test cases: "a:bsdfdsafsad" → "arn:bsdfdsafsad:*:*:*:*", "a:b:cadfsdf" →
     * "arn:b:cadfsdf:*:*:*", "aws:s3:::example_bucket" → "arn:s3:::example_bucket:*", "a:b:c:d:e:f:g:h" unchanged.
     */
    @Test
    void rejectsUnknownPartitionNamingTheCompletedResource() {
        assertThat(identityRejection(allowResource("a:bsdfdsafsad")))
                .isEqualTo("Partition \"bsdfdsafsad\" is not valid for resource \"arn:bsdfdsafsad:*:*:*:*\". "
                        + "(at Statement.Resource)");
        assertThat(identityRejection(allowResource("a:b:cadfsdf")))
                .startsWith("Partition \"b\" is not valid for resource \"arn:b:cadfsdf:*:*:*\".");
        assertThat(identityRejection(allowResource("aws:s3:::example_bucket")))
                .startsWith("Partition \"s3\" is not valid for resource \"arn:s3:::example_bucket:*\".");
        assertThat(identityRejection(allowResource("a:b:c:d:e:f:g:h")))
                .startsWith("Partition \"b\" is not valid for resource \"arn:b:c:d:e:f:g:h\".");
        assertThat(identityRejection(allowResource("arn:aws-mars:s3")))
                .startsWith("Partition \"aws-mars\" is not valid for resource \"arn:aws-mars:s3:*:*:*\".");
    }

    /** Rule: nothing after the partition. moto test case "arn:aws": "Resource vendor must be fully qualified ...". */
    @ParameterizedTest
    @ValueSource(strings = {"arn:aws", "arn:*"})
    void rejectsResourceWithoutVendor(String resource) {
        assertThat(identityRejection(allowResource(resource)))
                .isEqualTo("Resource vendor must be fully qualified and cannot contain regexes. "
                        + "(found \"" + resource + "\" at Statement.Resource)");
    }

    /** Rule: no wildcard in the service part, short or not. Resource page: "You can't use a wildcard in the service segment". */
    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:s3*:::b", "arn:aws:*", "arn:aws:s?:*"})
    void rejectsWildcardInService(String resource) {
        assertThat(identityRejection(allowResource(resource)))
                .startsWith("Resource vendor must be fully qualified and cannot contain regexes.");
    }

    /**
     * Rule (ours): the first part must be {@code arn}. moto does not look at it, but no recorded AWS response shows
     * another prefix accepted, and such a pattern could never match an ARN.
     */
    @Test
    void rejectsPrefixOtherThanArn() {
        assertThat(identityRejection(allowResource("xyz:aws:s3:::b")))
                .isEqualTo("Resource xyz:aws:s3:::b must be in ARN format or \"*\". (at Statement.Resource)");
    }
}
