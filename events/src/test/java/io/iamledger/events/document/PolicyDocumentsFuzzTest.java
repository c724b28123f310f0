package io.iamledger.events.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Whatever text arrives, reading it either yields a document that later stages can use without failing, or
 * throws {@link IamException} with {@code MalformedPolicyDocument} and a one-line message — never anything else.
 * Under plain {@code mvn test} this replays the inputs in {@code PolicyDocumentsFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class PolicyDocumentsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({
        "\"Version\"", "\"2012-10-17\"", "\"2008-10-17\"", "\"Id\"", "\"Statement\"", "\"Sid\"", "\"Effect\"",
        "\"Allow\"", "\"Deny\"", "\"Principal\"", "\"NotPrincipal\"", "\"AWS\"", "\"Service\"", "\"Federated\"",
        "\"CanonicalUser\"", "\"Action\"", "\"NotAction\"", "\"Resource\"", "\"NotResource\"", "\"Condition\"",
        "\"StringEquals\"", "\"ForAnyValue:", "ForAllValues:", "IfExists", "\"NumericLessThan\"", "\"DateGreaterThan\"",
        "\"IpAddress\"", "\"Bool\"", "\"Null\"", "\"ArnLike\"", "\"sts:AssumeRole\"", "\"arn:aws:iam::123456789012:root\"",
        "\"arn:aws:s3:::", "\"aws:", "${aws:username}", "2024-05-01T12:00:00Z", "10.0.0.0/8", "2001:db8::/32", "\\u"})
    void readThrowsOnlyIamException(byte[] data) {
        for (String text : texts(data)) {
            for (PolicyKind kind : PolicyKind.values()) {
                readOrReject(text, kind);
            }
            assertThat(PolicySize.count(text)).isBetween(0, text.length());
        }
    }

    /** The bytes as Latin-1 (reaches deep into the grammar), as UTF-8, and as raw UTF-16 units (lone surrogates included). */
    private static List<String> texts(byte[] data) {
        char[] units = new char[data.length / 2];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) ((data[2 * i] & 0xFF) << 8 | data[2 * i + 1] & 0xFF);
        }
        return List.of(new String(data, StandardCharsets.ISO_8859_1), new String(data, StandardCharsets.UTF_8),
                new String(units));
    }

    private static void readOrReject(String text, PolicyKind kind) {
        PolicyDocument document;
        try {
            document = PolicyDocuments.read(text, kind);
        } catch (IamException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_POLICY_DOCUMENT);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        assertUsable(document, kind);
    }

    /** What the evaluator relies on in a document the reader accepted. */
    private static void assertUsable(PolicyDocument document, PolicyKind kind) {
        assertThat(document.statements()).isNotEmpty();
        for (Statement statement : document.statements()) {
            assertThat(statement.action().actions()).isNotEmpty();
            assertThat(statement.principal().isPresent()).isEqualTo(kind != PolicyKind.IDENTITY);
            assertThat(statement.end().line()).isGreaterThanOrEqualTo(statement.start().line());
            for (Condition condition : statement.conditions()) {
                for (String value : condition.values()) {
                    if (document.variablesEnabled() && value.contains("${")) {
                        continue;
                    }
                    String name = condition.operator().name();
                    if (name.startsWith("Date")) {
                        assertThat(ConditionValues.parseDate(value)).isPresent();
                    } else if (name.startsWith("Numeric")) {
                        assertThat(ConditionValues.parseNumber(value)).isPresent();
                    } else if (name.endsWith("IpAddress")) {
                        assertThat(IpRange.parse(value)).isPresent();
                    }
                }
            }
        }
    }
}
