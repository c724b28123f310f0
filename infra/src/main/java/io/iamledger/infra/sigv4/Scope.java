package io.iamledger.infra.sigv4;

import java.util.List;
import java.util.Set;

/**
 * The credential of a signature split into its parts, {@code AKID/date/region/service/aws4_request}, with the
 * region and service checked against what the verifier accepts. The date is checked later, against X-Amz-Date.
 *
 * @param scope everything after the access key id, as the string to sign repeats it
 */
record Scope(String accessKeyId, String date, String region, String service, String scope) {
    static final String TERMINATOR = "aws4_request";
    private static final int MAX_NAME_LENGTH = 32;

    /**
     * @param services the allowed services, sorted for a stable message
     * @param regions  the allowed regions, or empty for any valid one
     */
    static Scope parse(String credential, List<String> services, Set<String> regions) {
        int s1 = credential.indexOf('/');
        int s2 = s1 < 0 ? -1 : credential.indexOf('/', s1 + 1);
        int s3 = s2 < 0 ? -1 : credential.indexOf('/', s2 + 1);
        int s4 = s3 < 0 ? -1 : credential.indexOf('/', s3 + 1);
        if (s4 < 0 || credential.indexOf('/', s4 + 1) >= 0) {
            throw Failures.incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term, got '" + credential + "'");
        }
        String terminator = credential.substring(s4 + 1);
        if (!terminator.equals(TERMINATOR)) {
            throw Failures.incomplete("Credential should be scoped with a valid terminator: '" + TERMINATOR
                    + "', not '" + terminator + "'.");
        }
        String region = credential.substring(s2 + 1, s3);
        if (!isValidName(region) || !(regions.isEmpty() || regions.contains(region))) {
            throw Failures.incomplete("Credential should be scoped to a valid region, not '" + region + "'.");
        }
        String service = credential.substring(s3 + 1, s4);
        if (!services.contains(service)) {
            throw Failures.incomplete("Credential should be scoped to correct service: '"
                    + String.join("' or '", services) + "'.");
        }
        return new Scope(credential.substring(0, s1), credential.substring(s1 + 1, s2), region, service,
                credential.substring(s1 + 1));
    }

    /** Lower-case letters, digits and single inner hyphens, starting with a letter, 1 to 32 characters. */
    static boolean isValidName(String name) {
        int length = name.length();
        if (length == 0 || length > MAX_NAME_LENGTH || name.charAt(0) < 'a' || name.charAt(0) > 'z'
                || name.charAt(length - 1) == '-') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && name.charAt(i - 1) != '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
