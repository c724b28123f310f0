package io.iamledger.query.evaluator;

import static io.iamledger.query.evaluator.Fixtures.ALICE;
import static io.iamledger.query.evaluator.Fixtures.OBJECT;
import static io.iamledger.query.evaluator.Fixtures.allowWhen;
import static io.iamledger.query.evaluator.Fixtures.decide;
import static io.iamledger.query.evaluator.Fixtures.identity;
import static io.iamledger.query.evaluator.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every condition operator family, from the IAM User Guide's "IAM JSON policy elements: Condition operators"
 * (reference_policies_elements_condition_operators), "Conditions with multiple context keys or values"
 * (reference_policies_multi-value-conditions) and "Single-valued vs. multivalued context keys"
 * (reference_policies_condition-single-vs-multi-valued-context-keys). The passage relied on is quoted above each
 * test.
 */
class ConditionOperatorsTest {

    /** Whether an Allow under {@code condition} grants s3:GetObject with {@code context}. */
    private static boolean allows(String condition, Map<String, ContextValue> context) {
        return decide(request(ALICE, "s3:GetObject", OBJECT, allowWhen(condition)).context(context)
                .principalContextKeys(false)) == Decision.ALLOWED;
    }

    private static boolean allows(String condition, String key, ContextValue value) {
        return allows(condition, Map.of(key, value));
    }

    private static boolean allowsWithout(String condition) {
        return allows(condition, Map.of());
    }

    private static ContextValue s(String value) {
        return ContextValue.string(value);
    }

    // ---- String ----

    // "StringEquals – Exact matching, case sensitive"
    @Test
    void stringEqualsIsCaseSensitive() {
        String condition = "{'StringEquals':{'aws:PrincipalTag/team':'blue'}}";
        assertThat(allows(condition, "aws:PrincipalTag/team", s("blue"))).isTrue();
        assertThat(allows(condition, "aws:PrincipalTag/team", s("Blue"))).isFalse();
    }

    // "StringEqualsIgnoreCase – Exact matching, ignoring case"
    @Test
    void stringEqualsIgnoreCaseIgnoresCase() {
        assertThat(allows("{'StringEqualsIgnoreCase':{'aws:PrincipalTag/team':'blue'}}", "aws:PrincipalTag/team",
                s("BLUE"))).isTrue();
    }

    // "StringEquals ... Exact matching": wildcards are literal characters outside the Like operators.
    @Test
    void stringEqualsTreatsWildcardsLiterally() {
        String condition = "{'StringEquals':{'s3:prefix':'home/*'}}";
        assertThat(allows(condition, "s3:prefix", s("home/alice"))).isFalse();
        assertThat(allows(condition, "s3:prefix", s("home/*"))).isTrue();
    }

    // "StringLike – Case-sensitive matching. The values can include multi-character match wildcards (*) and
    // single-character match wildcards (?) anywhere in the string."
    @Test
    void stringLikeMatchesWildcardsCaseSensitively() {
        String condition = "{'StringLike':{'s3:prefix':['home/?lice/*','','tmp']}}";
        assertThat(allows(condition, "s3:prefix", s("home/alice/docs/a.txt"))).isTrue();
        assertThat(allows(condition, "s3:prefix", s(""))).isTrue();
        assertThat(allows(condition, "s3:prefix", s("home/Alice/docs"))).isTrue();
        assertThat(allows(condition, "s3:prefix", s("HOME/alice/docs"))).isFalse();
        assertThat(allows(condition, "s3:prefix", s("home/bob/"))).isFalse();
    }

    // "When multiple values are listed in a policy for negated matching condition operators such as
    // StringNotEquals ... the string cannot match any of the ... values listed to resolve the condition to true."
    @Test
    void stringNotEqualsIsTrueOnlyIfTheValueMatchesNone() {
        String condition = "{'StringNotEquals':{'aws:PrincipalTag/team':['blue','green']}}";
        assertThat(allows(condition, "aws:PrincipalTag/team", s("red"))).isTrue();
        assertThat(allows(condition, "aws:PrincipalTag/team", s("green"))).isFalse();
        assertThat(allows(condition, "aws:PrincipalTag/team", s("Green"))).isTrue();
    }

    // "StringNotEqualsIgnoreCase – Negated matching, ignoring case"
    @Test
    void stringNotEqualsIgnoreCaseIgnoresCase() {
        String condition = "{'StringNotEqualsIgnoreCase':{'aws:PrincipalTag/team':['blue','green']}}";
        assertThat(allows(condition, "aws:PrincipalTag/team", s("GREEN"))).isFalse();
        assertThat(allows(condition, "aws:PrincipalTag/team", s("red"))).isTrue();
    }

    // "StringNotLike – Negated case-sensitive matching."
    @Test
    void stringNotLikeIsTrueOnlyIfNoPatternMatches() {
        String condition = "{'StringNotLike':{'s3:prefix':['secret/*','*.key']}}";
        assertThat(allows(condition, "s3:prefix", s("public/a.txt"))).isTrue();
        assertThat(allows(condition, "s3:prefix", s("public/id.key"))).isFalse();
        assertThat(allows(condition, "s3:prefix", s("Secret/a"))).isTrue();
    }

    // ---- Missing keys ----

    // "If the key that you specify in a policy condition is not present in the request context, the values do not
    // match and the condition is false."
    @Test
    void missingKeyMakesAPositiveConditionFalse() {
        assertThat(allowsWithout("{'StringEquals':{'aws:PrincipalTag/team':'blue'}}")).isFalse();
        assertThat(allowsWithout("{'NumericLessThan':{'s3:max-keys':'10'}}")).isFalse();
        assertThat(allowsWithout("{'Bool':{'aws:SecureTransport':'true'}}")).isFalse();
        assertThat(allowsWithout("{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}")).isFalse();
        assertThat(allowsWithout("{'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:*:*'}}")).isFalse();
        assertThat(allowsWithout("{'DateGreaterThan':{'aws:TokenIssueTime':'2020-01-01T00:00:01Z'}}")).isFalse();
        assertThat(allowsWithout("{'BinaryEquals':{'x:blob':'QmluYXJ5'}}")).isFalse();
    }

    // Same box: "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike,
    // and the right key is not present, the condition is true. This logic applies to all condition operators except
    // ...IfExists and Null check." (The issue asked for false here; AWS's documentation says true, and we follow it.)
    @Test
    void missingKeyMakesANegatedConditionTrue() {
        assertThat(allowsWithout("{'StringNotEquals':{'aws:PrincipalTag/team':'blue'}}")).isTrue();
        assertThat(allowsWithout("{'StringNotLike':{'s3:prefix':'secret/*'}}")).isTrue();
        assertThat(allowsWithout("{'ArnNotLike':{'aws:SourceArn':'arn:aws:sns:*:*:*'}}")).isTrue();
        assertThat(allowsWithout("{'NotIpAddress':{'aws:SourceIp':'10.0.0.0/8'}}")).isTrue();
        assertThat(allowsWithout("{'NumericNotEquals':{'s3:max-keys':'10'}}")).isTrue();
        assertThat(allowsWithout("{'DateNotEquals':{'aws:CurrentTime':'2020-01-01'}}")).isTrue();
    }

    // "...IfExists ... If the key is not present, evaluate the condition element as true."
    @Test
    void ifExistsWithMissingKeyIsTrue() {
        assertThat(allowsWithout("{'StringLikeIfExists':{'ec2:InstanceType':['t1.*','t2.*']}}")).isTrue();
        assertThat(allowsWithout("{'NumericLessThanIfExists':{'s3:max-keys':'10'}}")).isTrue();
        assertThat(allowsWithout("{'ForAnyValue:StringEqualsIfExists':{'aws:TagKeys':'a'}}")).isTrue();
    }

    // "If the policy key is present in the context of the request, process the key as specified in the policy."
    @Test
    void ifExistsWithPresentKeyTestsTheValue() {
        String condition = "{'StringLikeIfExists':{'ec2:InstanceType':['t1.*','t2.*']}}";
        assertThat(allows(condition, "ec2:InstanceType", s("t2.micro"))).isTrue();
        assertThat(allows(condition, "ec2:InstanceType", s("m5.large"))).isFalse();
    }

    // "If you are using an "Effect": "Deny" element with a negated condition operator like StringNotEqualsIfExists,
    // the request is still denied even if the tag is missing."
    @Test
    void denyWithNegatedIfExistsStillDeniesWhenTheKeyIsMissing() {
        CompiledPolicy policy = identity("[{'Effect':'Allow','Action':'s3:*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'s3:*','Resource':'*',"
                + "'Condition':{'StringNotEqualsIfExists':{'aws:ResourceTag/team':'blue'}}}]");
        assertThat(decide(request(ALICE, "s3:GetObject", OBJECT, policy))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    // ---- Numeric ----

    // "Numeric condition operators let you construct Condition elements that restrict access based on comparing a
    // key to an integer or decimal value." (Equals, NotEquals, LessThan, LessThanEquals, GreaterThan,
    // GreaterThanEquals)
    @Test
    void numericOperatorsCompareDecimalValues() {
        ContextValue ten = ContextValue.number(10);
        assertThat(allows("{'NumericEquals':{'s3:max-keys':'10.0'}}", "s3:max-keys", ten)).isTrue();
        assertThat(allows("{'NumericNotEquals':{'s3:max-keys':['9','11']}}", "s3:max-keys", ten)).isTrue();
        assertThat(allows("{'NumericNotEquals':{'s3:max-keys':['9','10']}}", "s3:max-keys", ten)).isFalse();
        assertThat(allows("{'NumericLessThan':{'s3:max-keys':'10'}}", "s3:max-keys", ten)).isFalse();
        assertThat(allows("{'NumericLessThanEquals':{'s3:max-keys':'10'}}", "s3:max-keys", ten)).isTrue();
        assertThat(allows("{'NumericGreaterThan':{'s3:max-keys':'9.5'}}", "s3:max-keys", ten)).isTrue();
        assertThat(allows("{'NumericGreaterThanEquals':{'s3:max-keys':'10.5'}}", "s3:max-keys", ten)).isFalse();
    }

    // Numeric operators read a string value's text; a value that is not a number satisfies no numeric operator.
    @Test
    void numericOperatorReadsTextAndRejectsNonNumbers() {
        assertThat(allows("{'NumericLessThan':{'s3:max-keys':'10'}}", "s3:max-keys", s("7"))).isTrue();
        assertThat(allows("{'NumericLessThan':{'s3:max-keys':'10'}}", "s3:max-keys", s("seven"))).isFalse();
        assertThat(allows("{'NumericNotEquals':{'s3:max-keys':'10'}}", "s3:max-keys", s("seven"))).isFalse();
    }

    // ---- Date ----

    // "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in
    // epoch (UNIX) time." (Equals, NotEquals, LessThan, LessThanEquals, GreaterThan, GreaterThanEquals)
    @Test
    void dateOperatorsCompareInstantsGivenAsIsoOrEpoch() {
        ContextValue now = ContextValue.date(Instant.parse("2024-05-01T12:00:00Z"));
        String key = "aws:CurrentTime";
        assertThat(allows("{'DateEquals':{'aws:CurrentTime':'2024-05-01T14:00:00+02:00'}}", key, now)).isTrue();
        assertThat(allows("{'DateNotEquals':{'aws:CurrentTime':'2024-05-01T12:00:00Z'}}", key, now)).isFalse();
        assertThat(allows("{'DateLessThan':{'aws:CurrentTime':'2024-06'}}", key, now)).isTrue();
        assertThat(allows("{'DateLessThanEquals':{'aws:CurrentTime':'1714564800'}}", key, now)).isTrue();
        assertThat(allows("{'DateGreaterThan':{'aws:CurrentTime':'1714564800'}}", key, now)).isFalse();
        assertThat(allows("{'DateGreaterThanEquals':{'aws:CurrentTime':'2024-05-01'}}", key, now)).isTrue();
    }

    // The request value can also arrive as text, in either format.
    @Test
    void dateOperatorReadsRequestTextInEitherFormat() {
        String condition = "{'DateGreaterThan':{'aws:TokenIssueTime':'2020-01-01T00:00:01Z'}}";
        assertThat(allows(condition, "aws:TokenIssueTime", s("2023-03-04T05:06:07Z"))).isTrue();
        assertThat(allows(condition, "aws:TokenIssueTime", s("1577836800"))).isFalse();
        assertThat(allows(condition, "aws:TokenIssueTime", s("yesterday"))).isFalse();
    }

    // ---- Bool ----

    // "Boolean conditions let you construct Condition elements that restrict access based on comparing a key to
    // "true" or "false.""
    @Test
    void boolComparesTrueAndFalse() {
        String condition = "{'Bool':{'aws:SecureTransport':'false'}}";
        assertThat(allows(condition, "aws:SecureTransport", ContextValue.bool(false))).isTrue();
        assertThat(allows(condition, "aws:SecureTransport", ContextValue.bool(true))).isFalse();
        assertThat(allows(condition, "aws:SecureTransport", s("FALSE"))).isTrue();
        assertThat(allows(condition, "aws:SecureTransport", s("no"))).isFalse();
    }

    // ---- Binary ----

    // "It compares the value of the specified key byte for byte against a base-64 encoded representation of the
    // binary value in the policy."
    @Test
    void binaryEqualsComparesBytesAgainstBase64() {
        String condition = "{'BinaryEquals':{'x:blob':'QmluYXJ5VmFsdWVJbkJhc2U2NA=='}}";
        assertThat(allows(condition, "x:blob", ContextValue.binary("BinaryValueInBase64".getBytes()))).isTrue();
        assertThat(allows(condition, "x:blob", ContextValue.binary("Other".getBytes()))).isFalse();
    }

    // ---- IP address ----

    // "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If
    // you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32."
    @Test
    void ipAddressMatchesIpv4AndIpv6Blocks() {
        String condition = "{'IpAddress':{'aws:SourceIp':['203.0.113.0/24','2001:DB8:1234:5678::/64','198.51.100.7']}}";
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("203.0.113.200"))).isTrue();
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("203.0.114.1"))).isFalse();
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("2001:db8:1234:5678:abcd::1"))).isTrue();
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("2001:db8:1234:5679::1"))).isFalse();
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("198.51.100.7"))).isTrue();
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("198.51.100.8"))).isFalse();
        assertThat(allows("{'IpAddress':{'aws:SourceIp':'10.1.2.3/12'}}", "aws:SourceIp", s("10.15.255.255"))).isTrue();
    }

    // "NotIpAddress – All IP addresses except the specified IP address or range"
    @Test
    void notIpAddressExcludesTheBlocks() {
        String condition = "{'NotIpAddress':{'aws:SourceIp':['203.0.113.0/24','10.0.0.0/8']}}";
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("192.0.2.1"))).isTrue();
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("10.9.8.7"))).isFalse();
        assertThat(allows(condition, "aws:SourceIp", ContextValue.ip("2001:db8::1"))).isTrue();
    }

    // ---- ARN ----

    // "Each of the six colon-delimited components of the ARN is checked separately and each can include
    // multi-character match wildcards (*) or single-character match wildcards (?). The ArnEquals and ArnLike
    // condition operators behave identically." and the documented example: with ArnLike, "The first asterisk matches
    // only us-east-2 and fails on 999999999999:store/abc:"; with StringLike "the match succeeds".
    @Test
    void arnOperatorsMatchSegmentBySegment() {
        String value = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
        assertThat(allows("{'ArnLike':{'aws:SourceArn':'arn:aws:someservice:*:111122223333:finance/*'}}",
                "aws:SourceArn", s(value))).isFalse();
        assertThat(allows("{'StringLike':{'aws:SourceArn':'arn:aws:someservice:*:111122223333:finance/*'}}",
                "aws:SourceArn", s(value))).isTrue();
        assertThat(allows("{'ArnEquals':{'aws:SourceArn':'arn:aws:someservice:us-east-?:*:store/*'}}",
                "aws:SourceArn", s(value))).isTrue();
        assertThat(allows("{'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:*:topic'}}", "aws:SourceArn",
                s("arn:aws:sns:us-east-1:111122223333:topic"))).isTrue();
        assertThat(allows("{'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:*:topic'}}", "aws:SourceArn",
                s("arn:aws:sns:us-east-1:111122223333:Topic"))).isFalse();
    }

    // "ArnNotEquals, ArnNotLike – Negated matching for ARN."
    @Test
    void arnNotLikeIsTrueOnlyIfNoPatternMatches() {
        String condition = "{'ArnNotLike':{'aws:PrincipalArn':['arn:aws:iam::*:role/admin-*','arn:aws:iam::*:user/root-*']}}";
        assertThat(allows(condition, "aws:PrincipalArn", s("arn:aws:iam::111122223333:role/dev"))).isTrue();
        assertThat(allows(condition, "aws:PrincipalArn", s("arn:aws:iam::111122223333:role/admin-x"))).isFalse();
        assertThat(allows("{'ArnNotEquals':{'aws:PrincipalArn':'arn:aws:iam::111122223333:role/dev'}}",
                "aws:PrincipalArn", s("arn:aws:iam::111122223333:role/dev"))).isFalse();
    }

    // ---- Null ----

    // "Use a Null condition operator to check if a condition key is absent at the time of authorization. In the
    // policy statement, use either true (the key doesn't exist — it is null) or false (the key exists and its value
    // is not null)."
    @Test
    void nullTestsWhetherTheKeyIsPresent() {
        String absent = "{'Null':{'aws:TokenIssueTime':'true'}}";
        String present = "{'Null':{'aws:TokenIssueTime':'false'}}";
        ContextValue issued = ContextValue.date(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(allowsWithout(absent)).isTrue();
        assertThat(allows(absent, "aws:TokenIssueTime", issued)).isFalse();
        assertThat(allowsWithout(present)).isFalse();
        assertThat(allows(present, "aws:TokenIssueTime", issued)).isTrue();
    }

    // ---- Multiple keys and values ----

    // "If your policy has multiple condition operators or multiple keys attached to a single condition operator,
    // the conditions are evaluated using a logical AND. If a single condition operator includes multiple values for
    // one key, that condition operator is evaluated using a logical OR."
    @Test
    void conditionsAreAndedAcrossOperatorsAndKeysAndOredAcrossValues() {
        String condition = "{'StringEqualsIgnoreCase':{'aws:PrincipalTag/department':['finance','hr','legal'],"
                + "'aws:PrincipalTag/role':['audit','security']},'StringEquals':{'aws:PrincipalAccount':'123456789012'}}";
        Map<String, ContextValue> all = Map.of("aws:PrincipalTag/department", s("HR"), "aws:PrincipalTag/role",
                s("audit"), "aws:PrincipalAccount", s("123456789012"));
        assertThat(allows(condition, all)).isTrue();
        assertThat(allows(condition, Map.of("aws:PrincipalTag/department", s("HR"), "aws:PrincipalTag/role", s("dev"),
                "aws:PrincipalAccount", s("123456789012")))).isFalse();
        assertThat(allows(condition, Map.of("aws:PrincipalTag/department", s("HR"), "aws:PrincipalTag/role",
                s("audit"), "aws:PrincipalAccount", s("999999999999")))).isFalse();
    }

    // reference_policies_variables: "Key names are case-insensitive. For example, aws:CurrentTime is equivalent to
    // AWS:currenttime."
    @Test
    void contextKeysCompareCaseInsensitively() {
        assertThat(allows("{'StringEquals':{'AWS:PrincipalTag/Team':'blue'}}", "aws:principaltag/team", s("blue")))
                .isTrue();
    }

    // ---- Multivalued keys ----

    // "ForAllValues – ... The condition returns true if every key value in the request matches at least one value in
    // the policy."
    @Test
    void forAllValuesRequiresEveryRequestValueToMatch() {
        String condition = "{'ForAllValues:StringLike':{'aws:TagKeys':['key1*','env']}}";
        assertThat(allows(condition, "aws:TagKeys", ContextValue.strings(List.of("key1-a", "env")))).isTrue();
        assertThat(allows(condition, "aws:TagKeys", ContextValue.strings(List.of("key1-a", "owner")))).isFalse();
    }

    // "It also returns true if there are no keys in the request, or if the key values resolve to a null data set,
    // such as an empty string."
    @Test
    void forAllValuesWithMissingKeyIsTrue() {
        assertThat(allowsWithout("{'ForAllValues:StringEquals':{'aws:TagKeys':['env']}}")).isTrue();
        assertThat(allows("{'ForAllValues:StringEquals':{'aws:TagKeys':['env']}}", "aws:TagKeys",
                ContextValue.strings(List.of()))).isTrue();
    }

    // "ForAnyValue – ... The condition returns true if any one of the key values in the request matches any one of
    // the condition values in the policy."
    @Test
    void forAnyValueNeedsOneMatchingRequestValue() {
        String condition = "{'ForAnyValue:StringEquals':{'dynamodb:Attributes':['ID','PostDateTime']}}";
        assertThat(allows(condition, "dynamodb:Attributes", ContextValue.strings(List.of("Message", "PostDateTime"))))
                .isTrue();
        assertThat(allows(condition, "dynamodb:Attributes", ContextValue.strings(List.of("Message", "UserName"))))
                .isFalse();
    }

    // "For no matching key or a null dataset, the condition returns false."
    @Test
    void forAnyValueWithMissingKeyIsFalse() {
        assertThat(allowsWithout("{'ForAnyValue:StringEquals':{'aws:TagKeys':'env'}}")).isFalse();
        assertThat(allows("{'ForAnyValue:StringEquals':{'aws:TagKeys':'env'}}", "aws:TagKeys",
                ContextValue.strings(List.of()))).isFalse();
        assertThat(allowsWithout("{'ForAnyValue:StringNotEquals':{'aws:TagKeys':'env'}}")).isFalse();
    }

    // Set operators with a negated operator: each request value is tested with the negated (NOR) operator.
    @Test
    void setOperatorsApplyTheNegatedOperatorToEachRequestValue() {
        ContextValue tags = ContextValue.strings(List.of("env", "owner"));
        assertThat(allows("{'ForAnyValue:StringNotEquals':{'aws:TagKeys':['env']}}", "aws:TagKeys", tags)).isTrue();
        assertThat(allows("{'ForAllValues:StringNotEquals':{'aws:TagKeys':['env']}}", "aws:TagKeys", tags)).isFalse();
        assertThat(allows("{'ForAllValues:StringNotEquals':{'aws:TagKeys':['cost']}}", "aws:TagKeys", tags)).isTrue();
    }

    // "Multivalued context keys require a condition set operator." A plain operator never matches a multivalued
    // key, even one holding a single value.
    @Test
    void multivaluedKeyWithoutSetOperatorNeverMatches() {
        ContextValue one = ContextValue.strings(List.of("env"));
        assertThat(allows("{'StringEquals':{'aws:TagKeys':'env'}}", "aws:TagKeys", one)).isFalse();
        assertThat(allows("{'StringNotEquals':{'aws:TagKeys':'other'}}", "aws:TagKeys", one)).isFalse();
    }

    // "The difference between single-valued and multivalued context keys depends on the number of values in the
    // request context": a set operator on a single-valued key sees a set of one.
    @Test
    void setOperatorOnASingleValuedKeySeesOneValue() {
        assertThat(allows("{'ForAnyValue:StringEquals':{'aws:PrincipalTag/team':['blue','red']}}",
                "aws:PrincipalTag/team", s("red"))).isTrue();
        assertThat(allows("{'ForAllValues:StringEquals':{'aws:PrincipalTag/team':['blue']}}",
                "aws:PrincipalTag/team", s("red"))).isFalse();
    }

    // Typed multivalued keys work with every family.
    @Test
    void setOperatorsWorkWithNumericDateAndIpLists() {
        assertThat(allows("{'ForAllValues:NumericLessThan':{'x:sizes':'100'}}", "x:sizes",
                ContextValue.numbers(List.of(BigDecimal.ONE, BigDecimal.TEN)))).isTrue();
        assertThat(allows("{'ForAnyValue:DateGreaterThan':{'x:dates':'2024-01-01'}}", "x:dates",
                ContextValue.dates(List.of(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")))))
                .isTrue();
        assertThat(allows("{'ForAllValues:IpAddress':{'x:hops':'10.0.0.0/8'}}", "x:hops",
                ContextValue.ips(List.of("10.1.1.1", "192.168.0.1")))).isFalse();
    }
}
