package io.iamledger.events.document;

import io.iamledger.events.error.IamException;

/**
 * Every message a policy document can be rejected with. Each starts with AWS's own message and ends with a
 * detail in parentheses saying what is wrong where; details quote only text taken from the document.
 */
final class Problems {
    static final String SYNTAX = "Syntax errors in policy.";
    static final String LEGACY = "The policy failed legacy parsing";
    static final String SID_NOT_UNIQUE = "Statement IDs (SID) in a single policy must be unique.";
    static final String SID_NOT_ALPHANUMERIC = "Statement IDs (SID) must be alpha-numeric. "
            + "Check that your input satisfies the regular expression [0-9A-Za-z]*";
    static final String NO_ACTIONS = "Policy statement must contain actions.";
    static final String NO_RESOURCES = "Policy statement must contain resources.";
    static final String NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    static final String TWO_COLONS = "Actions/Condition can contain only one colon.";
    static final String PRINCIPAL_NOT_ALLOWED = "Policy document should not specify a principal.";
    static final String PRINCIPAL_MISSING = "Missing required field Principal";
    static final String RESOURCE_VENDOR = "Resource vendor must be fully qualified and cannot contain regexes.";
    static final String TRUST_ACTIONS = "Trust Policy statement actions can only be sts:AssumeRole, "
            + "sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity "
            + "and sts:SetContext.";

    /** Longest document text quoted in a message; longer text is cut and marked with {@code ...}. */
    private static final int MAX_QUOTED = 128;

    private Problems() {
    }

    static IamException syntax(String detail) {
        return malformed(SYNTAX, detail);
    }

    static IamException legacy(String detail) {
        return malformed(LEGACY, detail);
    }

    static IamException malformed(String awsMessage, String detail) {
        return IamException.malformedPolicy(awsMessage + " (" + detail + ")");
    }

    static IamException prohibitedField(String field, String where) {
        return malformed("Has prohibited field " + field + ".", where);
    }

    static IamException invalidResource(String resource, Path path) {
        return malformed("Resource " + escape(resource) + " must be in ARN format or \"*\".", "at " + path);
    }

    static IamException invalidPartition(String partition, String resource, Path path) {
        return malformed("Partition " + quote(partition) + " is not valid for resource " + quote(resource) + ".",
                "at " + path);
    }

    static IamException invalidVendor(String vendor, Path path) {
        return malformed("Vendor " + escape(vendor) + " is not valid", "at " + path);
    }

    static IamException invalidPrincipal(String type, String value, Path path) {
        return malformed("Invalid principal in policy: " + quote(type) + ":" + quote(value), "at " + path);
    }

    /**
     * The text as a JSON string literal: quotes, backslashes, control characters and anything outside printable
     * Latin-1 escaped, cut to a bounded length, so a message stays one printable line whatever the document holds.
     */
    static String quote(String text) {
        return '"' + escape(text) + '"';
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_QUOTED) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7F && c < 0xA0 || c > 0xFF) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
