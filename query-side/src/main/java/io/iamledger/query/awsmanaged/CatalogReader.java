package io.iamledger.query.awsmanaged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Reads the gzipped catalog resource described in the README beside it. */
final class CatalogReader {

    private CatalogReader() {
    }

    /**
     * Reads every policy from a gzipped catalog.
     *
     * @throws UncheckedIOException  if the stream cannot be read or is not gzipped JSON
     * @throws IllegalStateException if the content does not have the catalog's shape; the message names the
     *                               offending element, for example {@code policies[12].arn}
     */
    static List<AwsManagedPolicy> read(InputStream gzipped) {
        JsonNode root;
        try (InputStream in = new GZIPInputStream(gzipped)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AWS managed policies catalog", e);
        }
        JsonNode policies = root == null ? null : root.get("policies");
        if (policies == null || !policies.isArray()) {
            throw new IllegalStateException("catalog has no 'policies' array");
        }
        List<AwsManagedPolicy> result = new ArrayList<>(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            result.add(policy(policies.get(i), "policies[" + i + "]"));
        }
        return result;
    }

    private static AwsManagedPolicy policy(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalStateException(where + " is not an object");
        }
        try {
            return new AwsManagedPolicy(
                    text(node, where, "policyName"),
                    text(node, where, "path"),
                    text(node, where, "arn"),
                    text(node, where, "policyId"),
                    text(node, where, "defaultVersionId"),
                    node.hasNonNull("description")
                            ? Optional.of(text(node, where, "description"))
                            : Optional.empty(),
                    instant(node, where, "createDate"),
                    instant(node, where, "updateDate"),
                    text(node, where, "document"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalStateException(where + "." + field + " is missing or not a non-empty string");
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode node, String where, String field) {
        String value = text(node, where, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + "." + field + " is not an ISO-8601 instant: " + value, e);
        }
    }
}
