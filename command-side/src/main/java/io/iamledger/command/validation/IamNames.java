package io.iamledger.command.validation;

import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AWS's constraints on IAM names, paths, descriptions and tags (reference §5.1), reported the way AWS reports
 * them: one {@code ValidationError} listing every violated constraint, for example
 * {@code 1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must
 * satisfy regular expression pattern: [\w+=,.@-]+}.
 *
 * <p>Start with {@link #check()}, add each value under the request member it came from (AWS's camel-case member
 * name: {@code userName}, {@code newPath}, {@code tags}), then call {@link Check#orThrow()}:
 * <pre>{@code IamNames.check().userName("userName", name).path("path", path).orThrow();}</pre>
 * Lengths count Unicode code points. A {@code null} value is reported as {@code Member must not be null}.
 *
 * <p>Patterns are compiled once; the class is thread-safe, a {@link Check} is not (use one per request).
 */
public final class IamNames {
    /** Longest user or role name (CreateUser, UpdateUser, CreateRole). */
    public static final int MAX_USER_OR_ROLE_NAME = 64;
    /** Longest group, managed policy or inline policy name, and longest name a lookup accepts. */
    public static final int MAX_NAME = 128;
    public static final int MAX_PATH = 512;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_KEY = 128;
    public static final int MAX_TAG_VALUE = 256;
    public static final int MIN_MAX_SESSION_DURATION = 3600;
    public static final int MAX_MAX_SESSION_DURATION = 43200;

    private static final Rule NAME = new Rule(1, MAX_USER_OR_ROLE_NAME, "[\\w+=,.@-]+");
    private static final Rule LONG_NAME = new Rule(1, MAX_NAME, "[\\w+=,.@-]+");
    private static final Rule PATH = new Rule(1, MAX_PATH, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    private static final Rule POLICY_PATH = new Rule(1, MAX_PATH, "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
    private static final Rule DESCRIPTION =
            new Rule(0, MAX_DESCRIPTION, "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    private static final Rule TAG_KEY = new Rule(1, MAX_TAG_KEY, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Rule TAG_VALUE = new Rule(0, MAX_TAG_VALUE, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Rule ACCOUNT_ID = new Rule(12, 12, "\\d{12}");
    // STS (botocore sts/2011-06-15 shapes roleSessionNameType, externalIdType, sourceIdentityType, arnType, ...)
    private static final Rule ROLE_SESSION_NAME = new Rule(2, 64, "[\\w+=,.@-]*");
    private static final Rule EXTERNAL_ID = new Rule(2, 1224, "[\\w+=,.@:\\/-]*");
    private static final Rule SOURCE_IDENTITY = new Rule(2, 64, "[\\w+=,.@-]*");
    private static final Rule ARN = new Rule(20, 2048,
            "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+");
    private static final Rule SESSION_POLICY = new Rule(1, Integer.MAX_VALUE,
            "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    private static final Rule SERIAL_NUMBER = new Rule(9, 256, "[\\w+=/:,.@-]*");
    private static final Rule TOKEN_CODE = new Rule(6, 6, "[\\d]*");
    private static final Rule MFA_DEVICE_NAME = new Rule(1, 226, "[\\w+=,.@-]+");

    private IamNames() {
    }

    /** Starts collecting the violations of one request. */
    public static Check check() {
        return new Check();
    }

    /** The violations of one request, collected value by value; throws them all at once. Not thread-safe. */
    public static final class Check {
        private final List<String> violations = new ArrayList<>();

        private Check() {
        }

        /** A new user or role name: 1–64 characters of {@code [\w+=,.@-]}. */
        public Check userName(String member, String value) {
            return add(NAME, member, value);
        }

        /** Same constraint as {@link #userName}. */
        public Check roleName(String member, String value) {
            return add(NAME, member, value);
        }

        /** A group name: 1–128 characters of {@code [\w+=,.@-]}. */
        public Check groupName(String member, String value) {
            return add(LONG_NAME, member, value);
        }

        /** A managed or inline policy name: 1–128 characters of {@code [\w+=,.@-]}. */
        public Check policyName(String member, String value) {
            return add(LONG_NAME, member, value);
        }

        /** The name of an existing user, group or role in a lookup: 1–128 characters of {@code [\w+=,.@-]}. */
        public Check existingName(String member, String value) {
            return add(LONG_NAME, member, value);
        }

        /** A user, group or role path: {@code /} or {@code /…/} of printable ASCII, at most 512 characters. */
        public Check path(String member, String value) {
            return add(PATH, member, value);
        }

        /** A managed policy path: {@code /} or {@code /a/b/} of letters, digits and {@code .,+@=_-}, ≤ 512. */
        public Check policyPath(String member, String value) {
            return add(POLICY_PATH, member, value);
        }

        /** A role or policy description: at most 1000 printable Latin-1 characters, tab and line breaks. */
        public Check description(String member, String value) {
            return add(DESCRIPTION, member, value);
        }

        /** A 12-digit account id. */
        public Check accountId(String member, String value) {
            return add(ACCOUNT_ID, member, value);
        }

        /** An STS role session name: 2–64 characters of {@code [\w+=,.@-]}. */
        public Check roleSessionName(String member, String value) {
            return add(ROLE_SESSION_NAME, member, value);
        }

        /** An AssumeRole external id: 2–1224 characters of {@code [\w+=,.@:/-]}. */
        public Check externalId(String member, String value) {
            return add(EXTERNAL_ID, member, value);
        }

        /** An STS source identity: 2–64 characters of {@code [\w+=,.@-]}. */
        public Check sourceIdentity(String member, String value) {
            return add(SOURCE_IDENTITY, member, value);
        }

        /** An ARN as STS accepts one in a request: 20–2048 characters. */
        public Check arn(String member, String value) {
            return add(ARN, member, value);
        }

        /** An inline session policy: at least one Latin-1 character (its size limit is the packed one). */
        public Check sessionPolicy(String member, String value) {
            return add(SESSION_POLICY, member, value);
        }

        /** An MFA device serial number or ARN: 9–256 characters of {@code [\w+=/:,.@-]}. */
        public Check serialNumber(String member, String value) {
            return add(SERIAL_NUMBER, member, value);
        }

        /** A virtual MFA device's name: 1–226 characters of {@code [\w+=,.@-]}. */
        public Check mfaDeviceName(String member, String value) {
            return add(MFA_DEVICE_NAME, member, value);
        }

        /** A six-digit MFA code. */
        public Check tokenCode(String member, String value) {
            return add(TOKEN_CODE, member, value);
        }

        /** A role's maximum session duration in seconds, 3600–43200. */
        public Check maxSessionDuration(String member, int seconds) {
            if (seconds < MIN_MAX_SESSION_DURATION) {
                violation("'" + seconds + "'", member,
                        "Member must have value greater than or equal to " + MIN_MAX_SESSION_DURATION);
            } else if (seconds > MAX_MAX_SESSION_DURATION) {
                violation("'" + seconds + "'", member,
                        "Member must have value less than or equal to " + MAX_MAX_SESSION_DURATION);
            }
            return this;
        }

        /**
         * A tag list: at most 50 tags, each key 1–128 and each value 0–256 characters of
         * {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}; elements are reported as {@code <member>.<n>.member.key} (from 1).
         * Duplicate keys and the reserved {@code aws:} prefix are InvalidInput, not checked here.
         */
        public Check tags(String member, List<Tag> tags) {
            if (tags == null) {
                violation("null", member, "Member must not be null");
                return this;
            }
            if (tags.size() > MAX_TAGS) {
                violation("'" + tags + "'", member, "Member must have length less than or equal to " + MAX_TAGS);
            }
            for (int i = 0; i < tags.size(); i++) {
                Tag tag = tags.get(i);
                String element = member + "." + (i + 1) + ".member";
                add(TAG_KEY, element + ".key", tag.key());
                add(TAG_VALUE, element + ".value", tag.value());
            }
            return this;
        }

        /** The keys of an untag request: at most 50, each as a tag key; elements as {@code <member>.<n>.member}. */
        public Check tagKeys(String member, List<String> keys) {
            if (keys == null) {
                violation("null", member, "Member must not be null");
                return this;
            }
            if (keys.size() > MAX_TAGS) {
                violation("'" + keys + "'", member, "Member must have length less than or equal to " + MAX_TAGS);
            }
            for (int i = 0; i < keys.size(); i++) {
                add(TAG_KEY, member + "." + (i + 1) + ".member", keys.get(i));
            }
            return this;
        }

        /** Whether no value added so far violated its constraint. */
        public boolean isValid() {
            return violations.isEmpty();
        }

        /**
         * @throws IamException ValidationError listing every violation, when there is any
         */
        public void orThrow() {
            if (violations.isEmpty()) {
                return;
            }
            int count = violations.size();
            throw IamException.validation(count + (count == 1 ? " validation error" : " validation errors")
                    + " detected: " + String.join("; ", violations));
        }

        private Check add(Rule rule, String member, String value) {
            if (value == null) {
                violation("null", member, "Member must not be null");
                return this;
            }
            int length = value.codePointCount(0, value.length());
            String quoted = "'" + value + "'";
            if (length < rule.min()) {
                violation(quoted, member, "Member must have length greater than or equal to " + rule.min());
            }
            if (length > rule.max()) {
                violation(quoted, member, "Member must have length less than or equal to " + rule.max());
            }
            if (!rule.pattern().matcher(value).matches()) {
                violation(quoted, member, "Member must satisfy regular expression pattern: " + rule.source());
            }
            return this;
        }

        private void violation(String renderedValue, String member, String constraint) {
            violations.add("Value " + renderedValue + " at '" + member + "' failed to satisfy constraint: "
                    + constraint);
        }
    }

    /** A length range and a pattern, kept with its source text because AWS's message quotes it. */
    private record Rule(int min, int max, String source, Pattern pattern) {
        Rule(int min, int max, String source) {
            this(min, max, source, Pattern.compile(source));
        }
    }
}
