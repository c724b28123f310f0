package io.iamledger.query.evaluator;

import static io.iamledger.query.evaluator.Fixtures.ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ALICE;
import static io.iamledger.query.evaluator.Fixtures.SESSION;
import static io.iamledger.query.evaluator.Fixtures.decide;
import static io.iamledger.query.evaluator.Fixtures.identity;
import static io.iamledger.query.evaluator.Fixtures.identityJson;
import static io.iamledger.query.evaluator.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policy variables, from the IAM User Guide's "IAM policy elements: Variables and tags"
 * (reference_policies_variables); the passage relied on is quoted above each test.
 */
class PolicyVariablesTest {

    private static boolean allowed(CompiledPolicy policy, Principal principal, String action, String resource,
            Map<String, ContextValue> context) {
        return decide(request(principal, action, resource, policy).context(context)) == Decision.ALLOWED;
    }

    private static boolean allowed(CompiledPolicy policy, String resource) {
        return allowed(policy, ALICE, "s3:GetObject", resource, Map.of());
    }

    // "When this policy is evaluated, IAM replaces the variable ${aws:username} with the friendly name of the actual
    // current user."
    @Test
    void usernameVariableInResourceIsTheCallersName() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::home/${aws:username}/*'}");
        assertThat(allowed(policy, "arn:aws:s3:::home/alice/notes.txt")).isTrue();
        assertThat(allowed(policy, "arn:aws:s3:::home/bob/notes.txt")).isFalse();
    }

    // Principal key values: for a role session aws:username is "not present" and aws:userid is
    // role-id:caller-specified-role-name; "not present means ... any attempt to match it fails".
    @Test
    void useridVariableAndMissingUsernameForRoleSessions() {
        CompiledPolicy byName = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::home/${aws:username}/*'}");
        CompiledPolicy byId = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::home/${aws:userid}/*'}");
        assertThat(allowed(byName, SESSION, "s3:GetObject", "arn:aws:s3:::home/job-1/x", Map.of())).isFalse();
        assertThat(allowed(byId, SESSION, "s3:GetObject", "arn:aws:s3:::home/AROAAPP:job-1/x", Map.of())).isTrue();
        assertThat(allowed(byId, ALICE, "s3:GetObject", "arn:aws:s3:::home/AIDAALICE/x", Map.of())).isTrue();
    }

    // "To replace part of an ARN with a tag value, surround the prefix and key name with ${}", e.g.
    // arn:aws:s3:::bucket/${aws:PrincipalTag/department}.
    @Test
    void principalTagVariable() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::bucket/${aws:PrincipalTag/department}'}");
        Principal tagged = ALICE.withTags(Map.of("Department", "finance"));
        assertThat(allowed(policy, tagged, "s3:GetObject", "arn:aws:s3:::bucket/finance", Map.of())).isTrue();
        assertThat(allowed(policy, ALICE, "s3:GetObject", "arn:aws:s3:::bucket/finance", Map.of())).isFalse();
    }

    // "You can use any single-valued condition key as a variable." – including service keys and aws:SourceIp.
    @Test
    void anySingleValuedContextKeyIsAVariable() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'StringEquals':{'s3:prefix':'${aws:SourceIp}/${aws:RequestTag/Project}'}}}");
        Map<String, ContextValue> context = Map.of("aws:SourceIp", ContextValue.ip("192.0.2.10"),
                "aws:RequestTag/Project", ContextValue.string("apollo"), "s3:prefix", ContextValue.string("192.0.2.10/apollo"));
        assertThat(allowed(policy, ALICE, "s3:ListBucket", "arn:aws:s3:::b", context)).isTrue();
    }

    // "You can't use a multivalued condition key as a variable."
    @Test
    void multivaluedKeyIsNotAVariable() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/${aws:TagKeys}'}");
        assertThat(allowed(policy, ALICE, "s3:GetObject", "arn:aws:s3:::b/env",
                Map.of("aws:TagKeys", ContextValue.strings(List.of("env"))))).isFalse();
    }

    // "${*} - use where you need an * (asterisk) character. ${?} ... ${$} - use where you need a $ (dollar sign)".
    @Test
    void escapeVariablesAreLiteralCharacters() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/price-${$}${*}${?}'}");
        assertThat(allowed(policy, "arn:aws:s3:::b/price-$*?")).isTrue();
        assertThat(allowed(policy, "arn:aws:s3:::b/price-$xy")).isFalse();
    }

    // "To add a default value to a variable, surround the default value with single quotes (' '), and separate the
    // variable text and the default value with a comma and space (, )."
    @Test
    void defaultValueStandsInForAMissingKey() {
        CompiledPolicy policy = identityJson("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*",
                 "Resource":"arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}"}}""");
        assertThat(allowed(policy, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide")).isTrue();
        assertThat(allowed(policy, ALICE.withTags(Map.of("team", "yellow")), "s3:GetObject",
                "arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow", Map.of())).isTrue();
        assertThat(allowed(policy, ALICE.withTags(Map.of("team", "yellow")), "s3:GetObject",
                "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", Map.of())).isFalse();
    }

    // "If a variable that has no value in the authorization context is used as part of the Resource or NotResource
    // element of a policy, the resource that includes a policy variable with no value will not match any resource."
    @Test
    void unresolvableVariableMakesTheResourceMatchNothing() {
        CompiledPolicy allowing = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/${aws:PrincipalTag/team}*'}");
        assertThat(allowed(allowing, "arn:aws:s3:::b/anything")).isFalse();
        CompiledPolicy notResource = identity("{'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:s3:::b/${aws:PrincipalTag/team}'}");
        assertThat(allowed(notResource, "arn:aws:s3:::b/")).isTrue();
    }

    // "When you use a variable with no value in the condition element ..., condition operators like StringEquals or
    // StringLike do not match ... Inverted condition operators like StringNotEquals or StringNotLike do match
    // against a null value".
    @Test
    void unresolvableVariableInAConditionFailsPositiveAndPassesNegatedOperators() {
        Map<String, ContextValue> context = Map.of("s3:ExistingObjectTag/Team", ContextValue.string("red"));
        CompiledPolicy equals = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'StringEquals':{'s3:ExistingObjectTag/Team':'${aws:PrincipalTag/Team}'}}}");
        CompiledPolicy notEquals = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'StringNotEquals':{'s3:ExistingObjectTag/Team':'${aws:PrincipalTag/Team}'}}}");
        assertThat(allowed(equals, ALICE, "s3:GetObject", "arn:aws:s3:::b/x", context)).isFalse();
        assertThat(allowed(notEquals, ALICE, "s3:GetObject", "arn:aws:s3:::b/x", context)).isTrue();
        assertThat(allowed(equals, ALICE.withTags(Map.of("Team", "red")), "s3:GetObject", "arn:aws:s3:::b/x", context))
                .isTrue();
    }

    // "${*} - use where you need an * ... inserting an * asterisk in the string would be interpreted as a wildcard":
    // text that comes from a variable is literal in StringLike and in resources.
    @Test
    void substitutedTextIsLiteralInLikeMatching() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/${aws:PrincipalTag/dir}/*'}");
        Principal wildcardy = ALICE.withTags(Map.of("dir", "*"));
        assertThat(allowed(policy, wildcardy, "s3:GetObject", "arn:aws:s3:::b/*/x", Map.of())).isTrue();
        assertThat(allowed(policy, wildcardy, "s3:GetObject", "arn:aws:s3:::b/other/x", Map.of())).isFalse();
        CompiledPolicy like = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'StringLike':{'s3:prefix':'${aws:PrincipalTag/dir}?'}}}");
        assertThat(allowed(like, wildcardy, "s3:ListBucket", "arn:aws:s3:::b",
                Map.of("s3:prefix", ContextValue.string("*x")))).isTrue();
        assertThat(allowed(like, wildcardy, "s3:ListBucket", "arn:aws:s3:::b",
                Map.of("s3:prefix", ContextValue.string("ax")))).isFalse();
    }

    // "If you don't include the Version element and set it to an appropriate version date, variables like
    // ${aws:username} are treated as literal strings in the policy."
    @Test
    void variablesAreLiteralBefore20121017() {
        CompiledPolicy policy = identityJson("""
                {"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}"}}""");
        assertThat(allowed(policy, "arn:aws:s3:::home/alice")).isFalse();
        assertThat(allowed(policy, "arn:aws:s3:::home/${aws:username}")).isTrue();
    }

    // "You can use a policy variable in the Resource element, but only in the resource portion of the ARN."
    @Test
    void variablesOutsideTheResourcePartOfAResourceAreLiteral() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'sqs:*','Resource':'arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:q'}");
        assertThat(allowed(policy, ALICE, "sqs:SendMessage", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":q", Map.of())).isFalse();
    }

    // "You can use a policy variable for Condition values in any condition that involves the string operators or the
    // ARN operators" – a variable may fill any ARN segment there, colons in the key notwithstanding.
    @Test
    void variablesFillAnySegmentOfAnArnConditionValue() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'iam:PassRole','Resource':'*',"
                + "'Condition':{'ArnLike':{'iam:AssociatedResourceArn':'arn:aws:ec2:*:${aws:PrincipalAccount}:instance/*'}}}");
        assertThat(allowed(policy, ALICE, "iam:PassRole", "*", Map.of("iam:AssociatedResourceArn",
                ContextValue.string("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/i-1")))).isTrue();
        assertThat(allowed(policy, ALICE, "iam:PassRole", "*", Map.of("iam:AssociatedResourceArn",
                ContextValue.string("arn:aws:ec2:us-east-1:999999999999:instance/i-1")))).isFalse();
    }

    // "You can't use a policy variable with other operators, such as Numeric, Date, ..." – the text stays literal
    // and, not being a number, matches nothing.
    @Test
    void numericOperatorsDoNotSubstituteVariables() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'NumericLessThan':{'s3:max-keys':'${x:limit}'}}}");
        assertThat(allowed(policy, ALICE, "s3:ListBucket", "arn:aws:s3:::b",
                Map.of("s3:max-keys", ContextValue.number(1), "x:limit", ContextValue.number(10)))).isFalse();
    }

    // Condition operators page: "You can use a policy variable with the Boolean condition operator."
    @Test
    void boolSubstitutesVariables() {
        CompiledPolicy policy = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'Bool':{'aws:SecureTransport':'${x:expected}'}}}");
        assertThat(allowed(policy, ALICE, "s3:ListBucket", "arn:aws:s3:::b",
                Map.of("aws:SecureTransport", ContextValue.bool(true), "x:expected", ContextValue.string("true")))).isTrue();
    }

    // GetContextKeysForCustomPolicy's CLI example lists the Resource variable, then the condition key:
    // {"ContextKeyNames": ["aws:username", "aws:CurrentTime"]}. Keys are listed as written, repeats left in.
    @Test
    void contextKeysAreVariablesAndConditionKeysInDocumentOrder() {
        CompiledPolicy policy = identity("[{'Effect':'Allow','Action':'dynamodb:*',"
                + "'Resource':'arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}',"
                + "'Condition':{'DateGreaterThan':{'aws:CurrentTime':'2015-08-16T12:00:00Z'}}},"
                + "{'Effect':'Deny','Action':'s3:*','NotResource':'arn:aws:s3:::${aws:PrincipalTag/team}/*',"
                + "'Condition':{'StringLike':{'s3:prefix':'${AWS:Username}/*'}}}]");
        assertThat(policy.contextKeys())
                .containsExactly("aws:username", "aws:CurrentTime", "aws:PrincipalTag/team", "s3:prefix", "AWS:Username");
    }
}
