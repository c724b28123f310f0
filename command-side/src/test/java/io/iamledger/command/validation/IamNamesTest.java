package io.iamledger.command.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.Tag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IamNamesTest {

    private static IamException failure(IamNames.Check check) {
        try {
            check.orThrow();
        } catch (IamException e) {
            return e;
        }
        throw new AssertionError("expected a ValidationError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "a", "Alice.Smith@example.com", "svc+deploy=1,x-y_z"})
    void acceptsUserNamesOfWordCharactersAndPlusEqualsCommaDotAtDash(String name) {
        assertThat(IamNames.check().userName("userName", name).isValid()).isTrue();
    }

    @Test
    void rejectsUserNameWithSpaceQuotingThePattern() {
        IamException e = failure(IamNames.check().userName("userName", "bad name"));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value 'bad name' at 'userName' failed to "
                + "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }

    @Test
    void rejectsUserNameLongerThan64() {
        String name = "a".repeat(65);

        assertThat(failure(IamNames.check().userName("userName", name)).getMessage())
                .isEqualTo("1 validation error detected: Value '" + name + "' at 'userName' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 64");
    }

    @Test
    void acceptsUserNameOfExactly64() {
        assertThat(IamNames.check().userName("userName", "a".repeat(64)).isValid()).isTrue();
    }

    @Test
    void rejectsEmptyNameWithBothLengthAndPattern() {
        assertThat(failure(IamNames.check().roleName("roleName", "")).getMessage())
                .isEqualTo("2 validation errors detected: Value '' at 'roleName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1; Value '' at 'roleName' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }

    @Test
    void reportsNullAsMustNotBeNull() {
        assertThat(failure(IamNames.check().userName("userName", null)).getMessage())
                .isEqualTo("1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void reportsEveryViolatedMemberInOneError() {
        IamException e = failure(IamNames.check().userName("userName", "bad name").path("path", "nope"));

        assertThat(e.getMessage()).startsWith("2 validation errors detected: Value 'bad name' at 'userName'")
                .contains("; Value 'nope' at 'path' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    }

    @Test
    void allowsGroupAndPolicyNamesUpTo128() {
        assertThat(IamNames.check().groupName("groupName", "g".repeat(128))
                .policyName("policyName", "p".repeat(128)).isValid()).isTrue();
    }

    @Test
    void rejectsGroupNameLongerThan128() {
        assertThat(failure(IamNames.check().groupName("groupName", "g".repeat(129))).getMessage())
                .endsWith("Member must have length less than or equal to 128");
    }

    @Test
    void rejectsPolicyNameWithSlash() {
        assertThat(IamNames.check().policyName("policyName", "a/b").isValid()).isFalse();
    }

    @Test
    void lookupsAcceptNamesUpTo128() {
        assertThat(IamNames.check().existingName("userName", "u".repeat(128)).isValid()).isTrue();
        assertThat(IamNames.check().existingName("userName", "u".repeat(129)).isValid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/division_abc/", "/a/b/c/", "/~!@#$%^&*()/"})
    void acceptsPathsThatBeginAndEndWithSlash(String path) {
        assertThat(IamNames.check().path("path", path).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/", "/a", "//x y/", "/é/"})
    void rejectsPathsNotSlashDelimitedPrintableAscii(String path) {
        assertThat(IamNames.check().path("path", path).isValid()).isFalse();
    }

    @Test
    void rejectsPathLongerThan512() {
        String path = "/" + "a".repeat(511) + "/";

        assertThat(failure(IamNames.check().path("newPath", path)).getMessage())
                .isEqualTo("1 validation error detected: Value '" + path + "' at 'newPath' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 512");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/team/", "/a.b,c+d@e=f_g-h/x/"})
    void acceptsPolicyPaths(String path) {
        assertThat(IamNames.check().policyPath("path", path).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "/a b/", "/a~/", "//"})
    void rejectsPolicyPathsOutsideItsNarrowerAlphabet(String path) {
        assertThat(IamNames.check().policyPath("path", path).isValid()).isFalse();
    }

    @Test
    void rejectsDescriptionLongerThan1000() {
        assertThat(IamNames.check().description("description", "d".repeat(1000)).isValid()).isTrue();
        assertThat(failure(IamNames.check().description("description", "d".repeat(1001))).getMessage())
                .endsWith("at 'description' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 1000");
    }

    @Test
    void rejectsMaxSessionDurationOutside3600To43200() {
        assertThat(IamNames.check().maxSessionDuration("maxSessionDuration", 3600)
                .maxSessionDuration("maxSessionDuration", 43200).isValid()).isTrue();
        assertThat(failure(IamNames.check().maxSessionDuration("maxSessionDuration", 3599)).getMessage())
                .isEqualTo("1 validation error detected: Value '3599' at 'maxSessionDuration' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 3600");
        assertThat(failure(IamNames.check().maxSessionDuration("maxSessionDuration", 43201)).getMessage())
                .endsWith("Member must have value less than or equal to 43200");
    }

    @Test
    void acceptsTagsOfLettersSpacesDigitsAndSymbols() {
        List<Tag> tags = List.of(new Tag("Cost Center", "42"), new Tag("ünïcode:key/=+-@_.", ""));

        assertThat(IamNames.check().tags("tags", tags).isValid()).isTrue();
    }

    @Test
    void rejectsTagKeyWithInvalidCharacterNamingItsPosition() {
        List<Tag> tags = List.of(new Tag("ok", "v"), new Tag("bad*key", "v"));

        assertThat(failure(IamNames.check().tags("tags", tags)).getMessage())
                .isEqualTo("1 validation error detected: Value 'bad*key' at 'tags.2.member.key' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: "
                        + "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    }

    @Test
    void rejectsTagKeyLongerThan128AndValueLongerThan256() {
        List<Tag> tags = List.of(new Tag("k".repeat(129), "v".repeat(257)));

        assertThat(failure(IamNames.check().tags("tags", tags)).getMessage())
                .startsWith("2 validation errors detected: ")
                .contains("at 'tags.1.member.key' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 128")
                .contains("at 'tags.1.member.value' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256");
    }

    @Test
    void rejectsMoreThanFiftyTags() {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tags.add(new Tag("k" + i, "v"));
        }

        assertThat(failure(IamNames.check().tags("tags", tags)).getMessage())
                .endsWith("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void rejectsEmptyTagKeyInUntagRequest() {
        assertThat(failure(IamNames.check().tagKeys("tagKeys", List.of("fine", ""))).getMessage())
                .contains("Value '' at 'tagKeys.2.member' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void acceptsTwelveDigitAccountIdOnly() {
        assertThat(IamNames.check().accountId("accountId", "123456789012").isValid()).isTrue();
        assertThat(IamNames.check().accountId("accountId", "12345678901a").isValid()).isFalse();
        assertThat(IamNames.check().accountId("accountId", "1234567890123").isValid()).isFalse();
    }

    @Test
    void validCheckDoesNotThrow() {
        assertThatCode(() -> IamNames.check().userName("userName", "bob").path("path", "/").orThrow())
                .doesNotThrowAnyException();
    }

    @Test
    void invalidCheckThrowsValidationError() {
        assertThatThrownBy(() -> IamNames.check().groupName("groupName", "no spaces").orThrow())
                .isInstanceOf(IamException.class)
                .extracting(e -> ((IamException) e).code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
    }
}
