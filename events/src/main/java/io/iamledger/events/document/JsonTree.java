package io.iamledger.events.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.iamledger.events.error.IamException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses strict JSON (no comments, no duplicate keys, one root object) into a {@link Json} tree. */
final class JsonTree {
    /** A valid policy nests at most six levels deep; anything far deeper is rejected before it costs stack. */
    static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Canonicalizing names would keep every key an attacker sends in a shared symbol table.
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH * 2)
                    .maxNumberLength(1000)
                    .build())
            .build();

    private JsonTree() {
    }

    /** The document's root object; throws {@code MalformedPolicyDocument} for anything else. */
    static Json.Obj parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw Problems.syntax("the document is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw Problems.syntax("the document must be a JSON object");
            }
            Json.Obj root = readObject(parser, Path.ROOT, 1);
            if (parser.nextToken() != null) {
                throw Problems.syntax("unexpected content after the policy object" + at(parser.currentTokenLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw Problems.syntax("invalid JSON" + at(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IamException iam) {
                throw iam;
            }
            // Jackson may fail in ways it does not declare; the caller must only ever see MalformedPolicyDocument.
            throw Problems.syntax("invalid JSON");
        }
    }

    private static Json.Obj readObject(JsonParser parser, Path path, int depth) throws IOException {
        SourcePosition start = position(parser.currentTokenLocation());
        Map<String, Json> members = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (members.containsKey(name)) {
                throw Problems.syntax("duplicate field " + Problems.quote(name) + " in " + path);
            }
            parser.nextToken();
            members.put(name, readValue(parser, path.child(name), depth));
        }
        if (token != JsonToken.END_OBJECT) {
            throw Problems.syntax("invalid JSON" + at(parser.currentTokenLocation()));
        }
        return new Json.Obj(Collections.unmodifiableMap(members), start, position(parser.currentLocation()));
    }

    private static Json.Arr readArray(JsonParser parser, Path path, int depth) throws IOException {
        List<Json> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, path.at(items.size()), depth));
        }
        return new Json.Arr(Collections.unmodifiableList(items));
    }

    private static Json readValue(JsonParser parser, Path path, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw Problems.syntax("invalid JSON" + at(parser.currentLocation()));
        }
        return switch (token) {
            case START_OBJECT, START_ARRAY -> {
                if (depth >= MAX_DEPTH) {
                    throw Problems.syntax("JSON nested deeper than " + MAX_DEPTH + " levels"
                            + at(parser.currentTokenLocation()));
                }
                yield token == JsonToken.START_OBJECT
                        ? readObject(parser, path, depth + 1)
                        : readArray(parser, path, depth + 1);
            }
            case VALUE_STRING -> new Json.Str(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Json.Num(parser.getText());
            case VALUE_TRUE -> new Json.Bool(true);
            case VALUE_FALSE -> new Json.Bool(false);
            case VALUE_NULL -> new Json.Null();
            default -> throw Problems.syntax("invalid JSON" + at(parser.currentTokenLocation()));
        };
    }

    private static SourcePosition position(JsonLocation location) {
        return new SourcePosition(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
