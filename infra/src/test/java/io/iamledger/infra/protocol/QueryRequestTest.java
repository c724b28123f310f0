package io.iamledger.infra.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class QueryRequestTest {
    private static final Set<String> OPERATIONS = Set.of("CreateUser", "ListUsers", "TagUser", "SetAttributes");

    @Test
    void readsActionVersionAndParametersFromTheFormBody() {
        QueryRequest request = iam("Action=CreateUser&Version=2010-05-08&UserName=Bob&Path=%2Fdiv%2F");

        assertThat(request.service()).isEqualTo(QueryService.IAM);
        assertThat(request.action()).isEqualTo("CreateUser");
        assertThat(request.version()).isEqualTo("2010-05-08");
        assertThat(request.parameters().requiredString("UserName")).isEqualTo("Bob");
        assertThat(request.parameters().optionalString("Path")).contains("/div/");
        assertThat(request.parameters().optionalString("PermissionsBoundary")).isEmpty();
    }

    @Test
    void readsTheQueryStringAndTheBodyTogether() {
        QueryRequest request = QueryRequest.parse(QueryService.IAM, OPERATIONS, "Action=ListUsers&Version=2010-05-08",
                bytes("MaxItems=5"));

        assertThat(request.action()).isEqualTo("ListUsers");
        assertThat(request.parameters().optionalInt("MaxItems", 1, 1000)).contains(5);
    }

    @Test
    void decodesPlusAsSpaceEscapesAndUtf8() {
        QueryRequest request = iam("Action=CreateUser&Version=2010-05-08&UserName=a+b%2Bc%20%C3%BC&Empty=&Bare");

        assertThat(request.parameters().requiredString("UserName")).isEqualTo("a b+c ü");
        assertThat(request.parameters().requiredString("Empty")).isEmpty();
        assertThat(request.parameters().requiredString("Bare")).isEmpty();
    }

    @Test
    void aMissingActionIsMissingAction() {
        failsWith("Version=2010-05-08&UserName=Bob", ErrorCode.MISSING_ACTION).hasMessage("Missing Action");
        failsWith("Action=&Version=2010-05-08", ErrorCode.MISSING_ACTION);
    }

    @Test
    void anUnknownActionIsInvalidAction() {
        failsWith("Action=DescribeInstances&Version=2010-05-08", ErrorCode.INVALID_ACTION)
                .hasMessage("Could not find operation DescribeInstances for version 2010-05-08");
    }

    @Test
    void anotherServicesVersionIsInvalidAction() {
        failsWith("Action=CreateUser&Version=2011-06-15", ErrorCode.INVALID_ACTION)
                .hasMessage("Could not find operation CreateUser for version 2011-06-15");
        failsWith("Action=CreateUser", ErrorCode.INVALID_ACTION)
                .hasMessage("Could not find operation CreateUser for version NO_VERSION_SPECIFIED");
    }

    @Test
    void stsChecksItsOwnVersion() {
        QueryRequest request = QueryRequest.parse(QueryService.STS, Set.of("GetCallerIdentity"), null,
                bytes("Action=GetCallerIdentity&Version=2011-06-15"));

        assertThat(request.service().xmlNamespace()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        failsWith("Action=CreateUser&Version=2010-05-08&UserName=a&UserName=b", ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("Parameter UserName must not be given more than once");
        assertThatThrownBy(() -> QueryRequest.parse(QueryService.IAM, OPERATIONS, "Action=CreateUser",
                bytes("Action=CreateUser&Version=2010-05-08")))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void malformedEncodingIsRefused() {
        failsWith("Action=CreateUser&Version=2010-05-08&UserName=100%", ErrorCode.INVALID_PARAMETER_VALUE);
        failsWith("Action=CreateUser&Version=2010-05-08&UserName=%zz", ErrorCode.INVALID_PARAMETER_VALUE);
        failsWith("Action=CreateUser&Version=2010-05-08&UserName=%C3%28", ErrorCode.INVALID_PARAMETER_VALUE)
                .message().contains("not valid UTF-8");
    }

    @Test
    void aMissingRequiredValueIsAValidationErrorNamingTheMember() {
        QueryParameters parameters = iam("Action=CreateUser&Version=2010-05-08").parameters();

        assertThatThrownBy(() -> parameters.requiredString("UserName"))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR))
                .hasMessage("1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void integersAreCheckedForTypeAndRange() {
        QueryParameters parameters = iam("Action=ListUsers&Version=2010-05-08&MaxItems=0&Big=1001&Word=ten&Neg=-3")
                .parameters();

        assertThatThrownBy(() -> parameters.optionalInt("MaxItems", 1, 1000)).hasMessage("1 validation error "
                + "detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater "
                + "than or equal to 1");
        assertThatThrownBy(() -> parameters.optionalInt("Big", 1, 1000)).hasMessage("1 validation error detected: "
                + "Value '1001' at 'big' failed to satisfy constraint: Member must have value less than or equal to "
                + "1000");
        assertThatThrownBy(() -> parameters.optionalInt("Word", 1, 1000)).isInstanceOf(IamException.class)
                .hasMessageContaining("Value 'ten' at 'word'");
        assertThat(parameters.optionalInt("Neg", -5, 5)).contains(-3);
        assertThat(parameters.optionalInt("Absent", 1, 5)).isEmpty();
    }

    @Test
    void booleansAreTrueOrFalse() {
        QueryParameters parameters = iam("Action=ListUsers&Version=2010-05-08&A=true&B=False&C=yes").parameters();

        assertThat(parameters.optionalBoolean("A")).contains(true);
        assertThat(parameters.optionalBoolean("B")).contains(false);
        assertThat(parameters.optionalBoolean("D")).isEmpty();
        assertThatThrownBy(() -> parameters.optionalBoolean("C"))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    @Test
    void listsComeInIndexOrderWhateverTheOrderSent() {
        QueryParameters parameters = iam("Action=ListUsers&Version=2010-05-08&Names.member.10=j"
                + "&Names.member.2=b&Names.member.1=a&Empty=").parameters();

        assertThat(parameters.stringList("Names")).containsExactly("a", "b", "j");
        assertThat(parameters.stringList("Empty")).isEmpty();
        assertThat(parameters.stringList("Absent")).isEmpty();
    }

    @Test
    void aMalformedListIndexIsRefused() {
        QueryParameters zero = iam("Action=ListUsers&Version=2010-05-08&Names.member.0=a").parameters();
        QueryParameters padded = iam("Action=ListUsers&Version=2010-05-08&Names.member.01=a").parameters();
        QueryParameters word = iam("Action=ListUsers&Version=2010-05-08&Tags.member.x.Key=a").parameters();

        for (QueryParameters parameters : new QueryParameters[] {zero, padded}) {
            assertThatThrownBy(() -> parameters.stringList("Names"))
                    .isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
        assertThatThrownBy(() -> word.structList("Tags")).hasMessageContaining("Tags.member.x");
    }

    @Test
    void structuresInListsNameTheirPathInErrors() {
        QueryParameters parameters = iam("Action=TagUser&Version=2010-05-08&UserName=Bob"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=a&Tags.member.2.Value=orphan").parameters();

        var tags = parameters.structList("Tags");
        assertThat(tags.get(0).requiredString("Key")).isEqualTo("team");
        assertThatThrownBy(() -> tags.get(1).requiredString("Key")).hasMessage("1 validation error detected: "
                + "Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void nestedListsInsideStructures() {
        QueryParameters parameters = iam("Action=ListUsers&Version=2010-05-08"
                + "&ContextEntries.member.1.ContextKeyName=aws%3ASourceIp"
                + "&ContextEntries.member.1.ContextKeyValues.member.2=10.0.0.2"
                + "&ContextEntries.member.1.ContextKeyValues.member.1=10.0.0.1"
                + "&ContextEntries.member.1.ContextKeyType=ipList").parameters();

        QueryParameters entry = parameters.structList("ContextEntries").get(0);
        assertThat(entry.requiredString("ContextKeyName")).isEqualTo("aws:SourceIp");
        assertThat(entry.stringList("ContextKeyValues")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(entry.optionalString("ContextKeyType")).contains("ipList");
    }

    @Test
    void mapsAreReadFromEntries() {
        QueryParameters parameters = iam("Action=SetAttributes&Version=2010-05-08"
                + "&Attributes.entry.2.key=b&Attributes.entry.2.value=2"
                + "&Attributes.entry.1.key=a&Attributes.entry.1.value=1").parameters();

        assertThat(parameters.stringMap("Attributes")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(parameters.stringMap("Absent")).isEmpty();
    }

    @Test
    void aMapKeyGivenTwiceOrWithoutValueIsRefused() {
        QueryParameters twice = iam("Action=SetAttributes&Version=2010-05-08&Attributes.entry.1.key=a"
                + "&Attributes.entry.1.value=1&Attributes.entry.2.key=a&Attributes.entry.2.value=2").parameters();
        QueryParameters noValue = iam("Action=SetAttributes&Version=2010-05-08&Attributes.entry.1.key=a")
                .parameters();

        assertThatThrownBy(() -> twice.stringMap("Attributes"))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        assertThatThrownBy(() -> noValue.stringMap("Attributes"))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    @Test
    void memberNamesWithDotsAreAProgrammingError() {
        QueryParameters parameters = iam("Action=ListUsers&Version=2010-05-08").parameters();

        assertThatThrownBy(() -> parameters.optionalString("Tags.member.1")).isInstanceOf(IllegalArgumentException.class);
    }

    private static QueryRequest iam(String form) {
        return QueryRequest.parse(QueryService.IAM, OPERATIONS, "", bytes(form));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(String form, ErrorCode code) {
        return assertThatThrownBy(() -> iam(form))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
