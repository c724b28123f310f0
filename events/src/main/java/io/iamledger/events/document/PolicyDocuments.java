package io.iamledger.events.document;

import io.iamledger.events.error.IamException;
import java.util.Objects;

/**
 * Reads policy documents: parses the JSON and validates it against AWS's policy grammar for one
 * {@link PolicyKind}, the way IAM does on CreatePolicy, Put*Policy, CreateRole and UpdateAssumeRolePolicy.
 * Size quotas are not checked here; see {@link PolicySize}. Stateless and thread-safe.
 */
public final class PolicyDocuments {
    private PolicyDocuments() {
    }

    /**
     * The document {@code json} holds, read as a policy of {@code kind}.
     *
     * @param json the document text; null, empty, longer than {@link PolicySize#DOCUMENT_MAX_CHARS} or holding a
     *     character outside U+0009, U+000A, U+000D and U+0020 to U+00FF is rejected
     * @param kind the grammar to apply; must not be null
     * @return the validated document, never null
     * @throws IamException with {@code MalformedPolicyDocument} for any text that is not a valid policy of that
     *     kind — and never any other exception, whatever the text; the message starts with AWS's own message
     *     and quotes nothing but the document
     */
    public static PolicyDocument read(String json, PolicyKind kind) {
        Objects.requireNonNull(kind, "kind");
        checkText(json);
        PolicyReader.Draft draft = PolicyReader.read(JsonTree.parse(json));
        PolicyValidator.validate(draft, kind);
        return draft.toDocument();
    }

    private static void checkText(String json) {
        if (json == null || json.isEmpty()) {
            throw Problems.syntax("the document is empty");
        }
        if (json.length() > PolicySize.DOCUMENT_MAX_CHARS) {
            throw Problems.malformed("The policy document must have length less than or equal to "
                    + PolicySize.DOCUMENT_MAX_CHARS + ".", json.length() + " characters");
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 0xFF || c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw Problems.malformed("The policy document contains a character outside "
                        + "[\\u0009\\u000A\\u000D\\u0020-\\u00FF].", String.format("\\u%04x at line %d, column %d",
                                (int) c, line, column));
            }
            if (c == '\n' || c == '\r' && (i + 1 == json.length() || json.charAt(i + 1) != '\n')) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }
}
