package io.iamledger.command.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {
    private static final PasswordPolicy STRICT = new PasswordPolicy(10, true, true, true, true, false,
            Optional.empty(), Optional.empty(), false);

    @ParameterizedTest
    @ValueSource(strings = {"Abcdefg1", "abcdefg1!", "ABCDEFG!1", "Aa1!Aa1!"})
    void theDefaultRulesTakeEightCharactersOfThreeKinds(String password) {
        assertThatCode(() -> Passwords.check("password", password, Optional.empty())).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Abcdef1", "abcdefgh1", "ABCDEFGH", "12345678!"})
    void theDefaultRulesRefuseShortOrTwoKindPasswords(String password) {
        assertThatThrownBy(() -> Passwords.check("password", password, Optional.empty()))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_POLICY_VIOLATION);
                    assertThat(e.getMessage()).doesNotContain(password);
                });
    }

    @Test
    void aPolicyNamesEveryRuleBroken() {
        assertThatThrownBy(() -> Passwords.check("password", "short", Optional.of(STRICT)))
                .hasMessage("Password does not conform to the account password policy. It needs at least 10"
                        + " characters, an upper case letter, a number, one of the symbols " + Passwords.SYMBOLS + ".");
        assertThatCode(() -> Passwords.check("password", "Longer-Pa55word", Optional.of(STRICT)))
                .doesNotThrowAnyException();
    }

    @Test
    void aPasswordOutsideTheShapeIsAValidationErrorThatDoesNotRepeatIt() {
        String tooLong = "Aa1!".repeat(33);
        assertThatThrownBy(() -> Passwords.check("newPassword", tooLong, Optional.empty()))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).contains("'newPassword'")
                            .doesNotContain(tooLong);
                });
        assertThatThrownBy(() -> Passwords.check("password", "Aa1!\u0100bcdefg", Optional.empty()))
                .isInstanceOf(IamException.class);
    }
}
