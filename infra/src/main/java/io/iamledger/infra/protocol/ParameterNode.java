package io.iamledger.infra.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One segment of the dotted parameter names of an awsQuery request: {@code Tags.member.1.Key=k} is the value of
 * node {@code Key} under {@code 1} under {@code member} under {@code Tags}.
 */
final class ParameterNode {
    private String value;
    private Map<String, ParameterNode> children;

    /** @return false when the name was already given a value */
    boolean put(String name, String value) {
        ParameterNode node = this;
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            String segment = dot < 0 ? name.substring(start) : name.substring(start, dot);
            node = node.childOrCreate(segment);
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        if (node.value != null) {
            return false;
        }
        node.value = value;
        return true;
    }

    /** Null when never given. */
    String value() {
        return value;
    }

    /** Null when absent. */
    ParameterNode child(String segment) {
        return children == null ? null : children.get(segment);
    }

    Map<String, ParameterNode> children() {
        return children == null ? Map.of() : children;
    }

    private ParameterNode childOrCreate(String segment) {
        if (children == null) {
            children = new LinkedHashMap<>(4);
        }
        return children.computeIfAbsent(segment, s -> new ParameterNode());
    }
}
