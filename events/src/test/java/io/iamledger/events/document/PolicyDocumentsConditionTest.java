package io.iamledger.events.document;

import static io.iamledger.events.document.Policies.identity;
import static io.iamledger.events.document.Policies.identityRejection;
import static io.iamledger.events.document.Policies.json;
import static io.iamledger.events.document.Policies.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.document.ConditionOperator.SetQualifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDocumentsConditionTest {

    private static Condition onlyCondition(String operator, String key, String valueJson) {
        return identity(conditionPolicy("2012-10-17", operator, key, valueJson)).statements().get(0).conditions().get(0);
    }

    private static String conditionPolicy(String version, String operator, String key, String valueJson) {
        return json("{'Version':'" + version + "','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'" + operator + "':{'" + key + "':" + valueJson + "}}}}");
    }

    private static String conditionRejection(String operator, String valueJson) {
        return identityRejection(conditionPolicy("2012-10-17", operator, "aws:Key", valueJson));
    }

    /** One valid value per base operator, so that every operator family is read end to end. */
    static Stream<Arguments> everyOperatorWithAValidValue() {
        return Stream.of(
                Arguments.of("StringEquals", "'a'"), Arguments.of("StringNotEquals", "'a'"),
                Arguments.of("StringEqualsIgnoreCase", "'a'"), Arguments.of("StringNotEqualsIgnoreCase", "'a'"),
                Arguments.of("StringLike", "'a*'"), Arguments.of("StringNotLike", "'a?'"),
                Arguments.of("NumericEquals", "'10'"), Arguments.of("NumericNotEquals", "10"),
                Arguments.of("NumericLessThan", "'1.5'"), Arguments.of("NumericLessThanEquals", "-2"),
                Arguments.of("NumericGreaterThan", "'0'"), Arguments.of("NumericGreaterThanEquals", "'+3'"),
                Arguments.of("DateEquals", "'2024-05-01'"), Arguments.of("DateNotEquals", "'2024-05-01T12:00:00Z'"),
                Arguments.of("DateLessThan", "'1714560000'"), Arguments.of("DateLessThanEquals", "1714560000"),
                Arguments.of("DateGreaterThan", "'2024-05-01T12:00:00.123+02:00'"),
                Arguments.of("DateGreaterThanEquals", "'2024-05-01T12:00'"),
                Arguments.of("Bool", "true"), Arguments.of("BinaryEquals", "'QmluYXJ5VmFsdWU='"),
                Arguments.of("IpAddress", "'203.0.113.0/24'"), Arguments.of("NotIpAddress", "['2001:db8::/32','10.1.2.3']"),
                Arguments.of("ArnEquals", "'arn:aws:sns:us-east-1:123456789012:topic'"),
                Arguments.of("ArnNotEquals", "'arn:aws:sns:*:*:t'"), Arguments.of("ArnLike", "'arn:aws:iam::*:role/x*'"),
                Arguments.of("ArnNotLike", "'arn:aws:s3:::b'"), Arguments.of("Null", "'true'"));
    }

    @ParameterizedTest
    @MethodSource("everyOperatorWithAValidValue")
    void parsesEveryOperator(String name, String value) {
        Condition condition = onlyCondition(name, "aws:Key", value);

        assertThat(condition.operator().text()).isEqualTo(name);
        assertThat(condition.operator().name()).isEqualTo(name);
        assertThat(condition.operator().ifExists()).isFalse();
        assertThat(condition.operator().setQualifier()).isEqualTo(SetQualifier.NONE);
        assertThat(condition.values()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyOperatorWithAValidValue")
    void parsesEveryOperatorWithIfExistsExceptNull(String name, String value) {
        if (name.equals("Null")) {
            assertThat(conditionRejection("NullIfExists", value)).isEqualTo(
                    "Syntax errors in policy. (unknown condition operator \"NullIfExists\" in Statement.Condition)");
            return;
        }
        ConditionOperator operator = onlyCondition(name + "IfExists", "aws:Key", value).operator();

        assertThat(operator.name()).isEqualTo(name);
        assertThat(operator.ifExists()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("everyOperatorWithAValidValue")
    void parsesEveryOperatorWithSetQualifiers(String name, String value) {
        ConditionOperator any = onlyCondition("ForAnyValue:" + name, "aws:TagKeys", value).operator();
        ConditionOperator all = onlyCondition("ForAllValues:" + name, "aws:TagKeys", value).operator();

        assertThat(any.setQualifier()).isEqualTo(SetQualifier.FOR_ANY_VALUE);
        assertThat(any.name()).isEqualTo(name);
        assertThat(all.setQualifier()).isEqualTo(SetQualifier.FOR_ALL_VALUES);
        assertThat(all.text()).isEqualTo("ForAllValues:" + name);
    }

    @Test
    void parsesQualifierAndIfExistsTogether() {
        ConditionOperator operator = onlyCondition("ForAnyValue:StringEqualsIgnoreCaseIfExists", "aws:TagKeys", "'a'").operator();

        assertThat(operator.setQualifier()).isEqualTo(SetQualifier.FOR_ANY_VALUE);
        assertThat(operator.name()).isEqualTo("StringEqualsIgnoreCase");
        assertThat(operator.ifExists()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"StringEqualz", "stringEquals", "STRINGEQUALS", "IfExists", "ForAnyValue:", "ForSomeValues:StringEquals",
        "StringEqualsIfExistsIfExists", "ForAnyValue:ForAllValues:StringEquals", "NumericBetween", "Date"})
    void rejectsUnknownConditionOperatorNamingIt(String operator) {
        assertThat(conditionRejection(operator, "'1'")).isEqualTo(
                "Syntax errors in policy. (unknown condition operator " + Problems.quote(operator) + " in Statement.Condition)");
    }

    @Test
    void rejectsConditionKeyWithoutVendor() {
        assertThat(identityRejection(conditionPolicy("2012-10-17", "StringEquals", "username", "'bob'")))
                .isEqualTo("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. "
                        + "(found \"username\" at Statement.Condition.StringEquals)");
    }

    @Test
    void acceptsConditionKeysWithProviderUrlsAndTagNames() {
        assertThat(onlyCondition("StringEquals", "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub", "'system:serviceaccount:x'").key())
                .isEqualTo("oidc.eks.us-east-1.amazonaws.com/id/ABC:sub");
        assertThat(onlyCondition("StringEquals", "aws:ResourceTag/aws:cloudformation:stack-name", "'x'").key())
                .isEqualTo("aws:ResourceTag/aws:cloudformation:stack-name");
    }

    @Test
    void rejectsConditionThatIsNotAnObject() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':['StringEquals']")))
                .isEqualTo("Syntax errors in policy. (Statement.Condition must be an object)");
    }

    @Test
    void rejectsOperatorBlockThatIsNotAnObject() {
        assertThat(identityRejection(statement("'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':{'Bool':'true'}")))
                .isEqualTo("Syntax errors in policy. (Statement.Condition.Bool must be an object)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'a':'b'}", "null", "[['a']]", "['a',null]"})
    void rejectsConditionValuesThatAreNotScalars(String value) {
        assertThat(conditionRejection("StringEquals", value)).isEqualTo("Syntax errors in policy. "
                + "(Statement.Condition.StringEquals[\"aws:Key\"] must be a string, number, boolean or an array of them)");
    }

    @Test
    void acceptsEmptyConditionValueArray() {
        assertThat(onlyCondition("StringEquals", "aws:Key", "[]").values()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'ten'", "'1e3'", "''", "'1.2.3'", "true", "['1','x']", "'0x10'"})
    void rejectsNonNumberForNumericOperators(String value) {
        assertThat(conditionRejection("NumericLessThan", value)).startsWith("Syntax errors in policy. (value ")
                .endsWith(" at Statement.Condition.NumericLessThan[\"aws:Key\"] is not a number)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'yesterday'", "'2024-13-01'", "'2024-02-30'", "'2024-05-01T25:00:00Z'", "'2024-05-01 12:00:00'",
        "'-5'", "''", "'99999999999999999999'", "true"})
    void rejectsUnparseableDateForDateOperatorsAsLegacyParsingFailure(String value) {
        assertThat(conditionRejection("DateGreaterThan", value)).startsWith("The policy failed legacy parsing (value ")
                .endsWith(" at Statement.Condition.DateGreaterThan[\"aws:Key\"] is not a date)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'yes'", "1", "'truth'"})
    void rejectsNonBooleanForBoolAndNull(String value) {
        assertThat(conditionRejection("Bool", value)).endsWith("is not true or false)");
        assertThat(conditionRejection("Null", value)).endsWith("is not true or false)");
    }

    @Test
    void acceptsBooleanTextInAnyCase() {
        assertThat(onlyCondition("Bool", "aws:SecureTransport", "['True','FALSE',false]").values())
                .containsExactly("True", "FALSE", "false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'10.0.0.0/33'", "'300.1.1.1'", "'10.0.0/8'", "'2001:db8::/129'", "'2001:db8:::1'", "'host.example.com'",
        "'10.0.0.1/'", "''"})
    void rejectsMalformedCidrForIpOperators(String value) {
        assertThat(conditionRejection("NotIpAddress", value)).startsWith("Syntax errors in policy. (value ")
                .endsWith("is not an IP address or CIDR block)");
    }

    @Test
    void acceptsPolicyVariablesInTypedConditionValuesOnlyWithVersion20121017() {
        String value = "'${aws:PrincipalTag/limit}'";

        assertThat(identity(conditionPolicy("2012-10-17", "NumericLessThan", "s3:max-keys", value))
                .statements().get(0).conditions().get(0).values()).containsExactly("${aws:PrincipalTag/limit}");
        assertThat(identityRejection(conditionPolicy("2008-10-17", "NumericLessThan", "s3:max-keys", value)))
                .endsWith("is not a number)");
    }
}
