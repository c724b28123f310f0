package io.iamledger.events.account;

import java.util.Objects;
import java.util.Optional;

/**
 * An account's password policy, as UpdateAccountPasswordPolicy sets it (every parameter not given takes its
 * default: no partial updates).
 *
 * @param maxPasswordAge          days a password lasts (1–1095); empty: passwords never expire
 * @param passwordReusePrevention how many previous passwords a new one may not repeat (1–24); empty: any
 * @param hardExpiry              whether a user whose password expired needs an administrator to reset it
 */
public record PasswordPolicy(int minimumPasswordLength, boolean requireSymbols, boolean requireNumbers,
                             boolean requireUppercaseCharacters, boolean requireLowercaseCharacters,
                             boolean allowUsersToChangePassword, Optional<Integer> maxPasswordAge,
                             Optional<Integer> passwordReusePrevention, boolean hardExpiry) {
    public PasswordPolicy {
        Objects.requireNonNull(maxPasswordAge, "maxPasswordAge");
        Objects.requireNonNull(passwordReusePrevention, "passwordReusePrevention");
    }
}
