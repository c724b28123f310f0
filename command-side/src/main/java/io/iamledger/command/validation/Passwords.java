package io.iamledger.command.validation;

import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a new password may be set: AWS's shape of a password (1–128 Latin-1 characters) and the account's
 * password policy, or without one AWS's default rules (at least 8 characters, of at least three of the four
 * kinds: upper case, lower case, digits, symbols). Messages never repeat the password. Stateless.
 */
public final class Passwords {
    /** The characters AWS counts as symbols. */
    public static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
    private static final int MAX_LENGTH = 128;
    private static final int DEFAULT_MINIMUM_LENGTH = 8;
    private static final String VIOLATION = "Password does not conform to the account password policy.";

    private Passwords() {}

    /**
     * @param member the request member the password came in ({@code password}, {@code newPassword})
     * @throws IamException ValidationError for a password outside 1–128 Latin-1 characters; PasswordPolicyViolation
     *                      naming each rule the password breaks
     */
    public static void check(String member, String password, Optional<PasswordPolicy> policy) {
        if (password.isEmpty() || password.length() > MAX_LENGTH
                || !password.chars().allMatch(c -> c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xff)) {
            // AWS shows no sensitive value in a validation message
            throw IamException.validation("1 validation error detected: Value at '" + member + "' failed to satisfy"
                    + " constraint: Member must have length between 1 and " + MAX_LENGTH + " and consist of"
                    + " printable Latin-1 characters");
        }
        boolean upper = password.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        boolean lower = password.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        boolean digit = password.chars().anyMatch(c -> c >= '0' && c <= '9');
        boolean symbol = password.chars().anyMatch(c -> SYMBOLS.indexOf(c) >= 0);
        List<String> broken = new ArrayList<>();
        if (policy.isEmpty()) {
            if (password.length() < DEFAULT_MINIMUM_LENGTH) {
                broken.add("at least " + DEFAULT_MINIMUM_LENGTH + " characters");
            }
            int kinds = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
            if (kinds < 3) {
                broken.add("at least three of upper case letters, lower case letters, numbers and symbols");
            }
        } else {
            PasswordPolicy rules = policy.get();
            if (password.length() < rules.minimumPasswordLength()) {
                broken.add("at least " + rules.minimumPasswordLength() + " characters");
            }
            if (rules.requireUppercaseCharacters() && !upper) {
                broken.add("an upper case letter");
            }
            if (rules.requireLowercaseCharacters() && !lower) {
                broken.add("a lower case letter");
            }
            if (rules.requireNumbers() && !digit) {
                broken.add("a number");
            }
            if (rules.requireSymbols() && !symbol) {
                broken.add("one of the symbols " + SYMBOLS);
            }
        }
        if (!broken.isEmpty()) {
            throw new IamException(ErrorCode.PASSWORD_POLICY_VIOLATION, VIOLATION + " It needs "
                    + String.join(", ", broken) + ".");
        }
    }

    /** @throws IamException PasswordPolicyViolation when the password repeats one of the last ones kept */
    public static void checkNotReused(boolean reused, PasswordPolicy policy) {
        if (reused) {
            throw new IamException(ErrorCode.PASSWORD_POLICY_VIOLATION, VIOLATION + " It may not repeat any of the"
                    + " last " + policy.passwordReusePrevention().orElse(0) + " passwords.");
        }
    }
}
