package io.iamledger.infra.protocol;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to the parameters of an awsQuery request, or to the members of one structure inside a list.
 * Names are member names as on the wire ({@code UserName}, {@code Tags}), without dots.
 *
 * <p>Accessors throw {@link IamException}s worded as AWS words them, naming the member path in lower camel case
 * ({@code userName}, {@code tags.1.member.key}): {@code ValidationError} for a missing required value or a value
 * that is not of the member's type or range, {@code InvalidParameterValue} for a malformed list index or a map
 * key given twice. Absent optional values are {@link Optional#empty()}, absent lists and maps are empty. Immutable
 * and thread-safe once parsed.
 */
public final class QueryParameters {
    private static final String MEMBER = "member";
    private static final String ENTRY = "entry";

    private final ParameterNode node;
    private final String wirePrefix;
    private final String pathPrefix;

    QueryParameters(ParameterNode node, String wirePrefix, String pathPrefix) {
        this.node = node;
        this.wirePrefix = wirePrefix;
        this.pathPrefix = pathPrefix;
    }

    /** No parameters at all, for calls of other protocols that are authorized as awsQuery calls are. */
    public static QueryParameters none() {
        return new QueryParameters(new ParameterNode(), "", "");
    }

    /** @throws IamException {@code ValidationError} when the parameter is absent */
    public String requiredString(String name) {
        String value = value(name);
        if (value == null) {
            throw validation(null, path(name), "Member must not be null");
        }
        return value;
    }

    /** The value as sent, which may be empty. */
    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(value(name));
    }

    /**
     * A decimal integer within {@code [min, max]}.
     *
     * @throws IamException {@code ValidationError} when it is not a number or out of range
     */
    public Optional<Integer> optionalInt(String name, int min, int max) {
        String text = value(name);
        if (text == null) {
            return Optional.empty();
        }
        long value = parseInt(text);
        if (value == Long.MIN_VALUE) {
            throw validation(text, path(name), "Member must be a number");
        }
        if (value < min) {
            throw validation(text, path(name), "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw validation(text, path(name), "Member must have value less than or equal to " + max);
        }
        return Optional.of((int) value);
    }

    /**
     * {@code true} or {@code false}, in any case.
     *
     * @throws IamException {@code ValidationError} for any other text
     */
    public Optional<Boolean> optionalBoolean(String name) {
        String text = value(name);
        if (text == null) {
            return Optional.empty();
        }
        if (text.equalsIgnoreCase("true")) {
            return Optional.of(Boolean.TRUE);
        }
        if (text.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.FALSE);
        }
        throw validation(text, path(name), "Member must be a boolean");
    }

    /** The list {@code Name.member.1}, {@code Name.member.2}, … in index order. */
    public List<String> stringList(String name) {
        List<Indexed> members = members(name, MEMBER);
        List<String> values = new ArrayList<>(members.size());
        for (Indexed member : members) {
            if (member.node.value() == null) {
                throw validation(null, memberPath(name, member.index), "Member must not be null");
            }
            values.add(member.node.value());
        }
        return Collections.unmodifiableList(values);
    }

    /** The structures {@code Name.member.N.*} in index order, each read through its own {@code QueryParameters}. */
    public List<QueryParameters> structList(String name) {
        List<Indexed> members = members(name, MEMBER);
        List<QueryParameters> structures = new ArrayList<>(members.size());
        for (Indexed member : members) {
            structures.add(new QueryParameters(member.node,
                    wirePrefix + name + '.' + MEMBER + '.' + member.index + '.',
                    memberPath(name, member.index) + '.'));
        }
        return Collections.unmodifiableList(structures);
    }

    /**
     * The map {@code Name.entry.N.key} / {@code Name.entry.N.value}, in index order.
     *
     * @throws IamException {@code ValidationError} for an entry without key or value, {@code InvalidParameterValue}
     *     for a key given twice
     */
    public Map<String, String> stringMap(String name) {
        List<Indexed> entries = members(name, ENTRY);
        Map<String, String> map = new LinkedHashMap<>();
        for (Indexed entry : entries) {
            String entryPath = lowerCamel(name) + '.' + entry.index + '.' + ENTRY;
            ParameterNode key = entry.node.child("key");
            ParameterNode value = entry.node.child("value");
            if (key == null || key.value() == null) {
                throw validation(null, pathPrefix + entryPath + ".key", "Member must not be null");
            }
            if (value == null || value.value() == null) {
                throw validation(null, pathPrefix + entryPath + ".value", "Member must not be null");
            }
            if (map.putIfAbsent(key.value(), value.value()) != null) {
                throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Duplicate key '" + key.value() + "' in map " + wirePrefix + name);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Every parameter as a tree, for the audit trail: names in lower camel case, lists ({@code Name.member.N})
     * as lists in index order, any other structure as a map of its members, values as strings. {@code Action} and
     * {@code Version} are left out. The values are as sent: redact secrets before showing them anywhere.
     */
    public Map<String, Object> asTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterNode> child : node.children().entrySet()) {
            if (!child.getKey().equals("Action") && !child.getKey().equals("Version")) {
                tree.put(lowerCamel(child.getKey()), tree(child.getValue()));
            }
        }
        return tree;
    }

    private static Object tree(ParameterNode node) {
        Map<String, ParameterNode> children = node.children();
        if (children.isEmpty()) {
            return node.value() == null ? "" : node.value();
        }
        ParameterNode members = node.child(MEMBER);
        if (members != null && children.size() == 1) {
            List<Map.Entry<String, ParameterNode>> indexed = new ArrayList<>(members.children().entrySet());
            indexed.sort((a, b) -> Integer.compare(parseIndex(a.getKey()), parseIndex(b.getKey())));
            List<Object> list = new ArrayList<>(indexed.size());
            indexed.forEach(entry -> list.add(tree(entry.getValue())));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        children.forEach((name, child) -> map.put(lowerCamel(name), tree(child)));
        return map;
    }

    /** Whether the parameter, or any member below it, was sent. */
    public boolean isPresent(String name) {
        return node.child(checkedName(name)) != null;
    }

    private String value(String name) {
        ParameterNode child = node.child(checkedName(name));
        return child == null ? null : child.value();
    }

    private record Indexed(int index, ParameterNode node) {}

    private List<Indexed> members(String name, String memberSegment) {
        ParameterNode list = node.child(checkedName(name));
        ParameterNode members = list == null ? null : list.child(memberSegment);
        if (members == null) {
            // absent, or sent as "Name=" which is how SDKs send an empty list
            return List.of();
        }
        List<Indexed> indexed = new ArrayList<>(members.children().size());
        for (Map.Entry<String, ParameterNode> child : members.children().entrySet()) {
            int index = parseIndex(child.getKey());
            if (index < 0) {
                throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid list index '" + child.getKey()
                        + "' in parameter " + wirePrefix + name + '.' + memberSegment + '.' + child.getKey());
            }
            indexed.add(new Indexed(index, child.getValue()));
        }
        indexed.sort((a, b) -> Integer.compare(a.index, b.index));
        return indexed;
    }

    private String path(String name) {
        return pathPrefix + lowerCamel(name);
    }

    private String memberPath(String name, int index) {
        return pathPrefix + lowerCamel(name) + '.' + index + '.' + MEMBER;
    }

    private static String checkedName(String name) {
        if (name.isEmpty() || name.indexOf('.') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a member name");
        }
        return name;
    }

    static String lowerCamel(String name) {
        char first = name.charAt(0);
        return Character.isUpperCase(first) ? Character.toLowerCase(first) + name.substring(1) : name;
    }

    static IamException validation(String value, String path, String constraint) {
        return new IamException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value "
                + (value == null ? "null" : "'" + value + "'") + " at '" + path + "' failed to satisfy constraint: "
                + constraint);
    }

    /** A positive decimal without leading zeros, or -1. */
    private static int parseIndex(String text) {
        int length = text.length();
        if (length == 0 || length > 9 || text.charAt(0) == '0') {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An optionally negative decimal of at most 10 digits, or {@code Long.MIN_VALUE}. */
    private static long parseInt(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int length = text.length();
        if (length == start || length - start > 10) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return start == 1 ? -value : value;
    }

    @Override
    public String toString() {
        // values may be policy documents or session policies; names are enough to debug with
        return "QueryParameters[" + wirePrefix + node.children().keySet() + "]";
    }
}
