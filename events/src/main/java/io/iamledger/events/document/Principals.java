package io.iamledger.events.document;

import io.iamledger.events.arn.Arn;

/**
 * The shapes AWS accepts for principal values, by principal type. The only wildcard is the whole value {@code *}
 * of an AWS principal: AWS rejects wildcards inside principal ARNs.
 */
final class Principals {
    private Principals() {
    }

    static boolean isValid(PrincipalType type, String value) {
        return switch (type) {
            case AWS -> value.equals("*") || isAccountId(value) || isIamPrincipalArn(value);
            case SERVICE -> !value.isEmpty()
                    && allMatch(value, c -> PolicyValidator.isAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_');
            case FEDERATED -> !value.isEmpty() && allMatch(value, c -> c > ' ' && c < 0x7F && c != '*' && c != '?');
            case CANONICAL_USER -> value.length() == 64
                    && allMatch(value, c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
        };
    }

    /**
     * {@code arn:<partition>:iam::<account>:root|user/<path/>name|role/<path/>name} or
     * {@code arn:<partition>:sts::<account>:assumed-role/<role>/<session>|federated-user/<name>}.
     */
    private static boolean isIamPrincipalArn(String value) {
        Arn arn = Arn.tryParse(value).orElse(null);
        if (arn == null || !PolicyValidator.PARTITIONS.contains(arn.partition()) || !arn.region().isEmpty()
                || !isAccountId(arn.account())) {
            return false;
        }
        String resource = arn.resource();
        if (arn.service().equals("iam")) {
            return resource.equals("root")
                    || resource.startsWith("user/") && isPathAndName(resource.substring("user/".length()))
                    || resource.startsWith("role/") && isPathAndName(resource.substring("role/".length()));
        }
        if (arn.service().equals("sts")) {
            if (resource.startsWith("assumed-role/")) {
                String[] names = resource.substring("assumed-role/".length()).split("/", -1);
                return names.length == 2 && isName(names[0]) && isName(names[1]);
            }
            return resource.startsWith("federated-user/") && isName(resource.substring("federated-user/".length()));
        }
        return false;
    }

    private static boolean isPathAndName(String text) {
        String[] segments = text.split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].isEmpty() || !allMatch(segments[i], c -> c > ' ' && c < 0x7F && c != '*' && c != '?')) {
                return false;
            }
        }
        return isName(segments[segments.length - 1]);
    }

    /** IAM's name pattern {@code [\w+=,.@-]+}. */
    private static boolean isName(String text) {
        return !text.isEmpty() && allMatch(text, c -> PolicyValidator.isAsciiLetterOrDigit(c) || "_+=,.@-".indexOf(c) >= 0);
    }

    private static boolean isAccountId(String text) {
        return text.length() == 12 && allMatch(text, c -> c >= '0' && c <= '9');
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean allMatch(String text, CharTest test) {
        for (int i = 0; i < text.length(); i++) {
            if (!test.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
