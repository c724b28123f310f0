package io.iamledger.infra.audit;

import java.util.Locale;
import java.util.Set;

/**
 * The parameters and response elements the audit trail never shows, whatever the action: secret keys, session
 * tokens, passwords, MFA seeds and codes, federation assertions. Their values become
 * {@link AuditRecord#HIDDEN}, as CloudTrail writes them.
 */
public final class Redaction {
    private static final Set<String> SECRET_NAMES = Set.of("secretaccesskey", "sessiontoken", "password",
            "newpassword", "oldpassword", "authenticationcode1", "authenticationcode2", "tokencode",
            "base32stringseed", "qrcodepng", "samlassertion", "webidentitytoken", "privatekey", "secret");

    private Redaction() {}

    /** Whether a member of this name (in any case) holds a secret. */
    public static boolean isSecret(String memberName) {
        return SECRET_NAMES.contains(memberName.toLowerCase(Locale.ROOT));
    }
}
