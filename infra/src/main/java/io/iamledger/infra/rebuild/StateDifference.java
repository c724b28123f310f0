package io.iamledger.infra.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the state of an account, as the temporal read model shows it and as a replay of the log builds it, first
 * differs: a path into the state document ({@code UserDetailList[2].Tags[0].Value}) and the two values there, as
 * JSON, {@code absent} where one side has nothing. Object members are compared by name whatever their order,
 * arrays element by element in order.
 */
public record StateDifference(String account, String path, String temporal, String replayed) {
    private static final String ABSENT = "absent";
    private static final int SHOWN = 300;

    public StateDifference {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(temporal, "temporal");
        Objects.requireNonNull(replayed, "replayed");
    }

    /** The first difference between the two documents of {@code account}, depth first; empty when equal. */
    public static Optional<StateDifference> first(String account, JsonNode temporal, JsonNode replayed) {
        return Optional.ofNullable(walk(account, "", temporal, replayed));
    }

    private static StateDifference walk(String account, String path, JsonNode temporal, JsonNode replayed) {
        if (temporal.equals(replayed)) {
            return null;
        }
        if (temporal.isObject() && replayed.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            temporal.fieldNames().forEachRemaining(names::add);
            replayed.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (!temporal.has(name) || !replayed.has(name)) {
                    return new StateDifference(account, at, show(temporal.get(name)), show(replayed.get(name)));
                }
                StateDifference found = walk(account, at, temporal.get(name), replayed.get(name));
                if (found != null) {
                    return found;
                }
            }
        }
        if (temporal.isArray() && replayed.isArray()) {
            Iterator<JsonNode> left = temporal.elements();
            Iterator<JsonNode> right = replayed.elements();
            for (int i = 0; left.hasNext() || right.hasNext(); i++) {
                String at = path + "[" + i + "]";
                if (!left.hasNext() || !right.hasNext()) {
                    return new StateDifference(account, at, show(left.hasNext() ? left.next() : null),
                            show(right.hasNext() ? right.next() : null));
                }
                StateDifference found = walk(account, at, left.next(), right.next());
                if (found != null) {
                    return found;
                }
            }
        }
        return new StateDifference(account, path, show(temporal), show(replayed));
    }

    private static String show(JsonNode node) {
        if (node == null) {
            return ABSENT;
        }
        String text = node.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    /** One line: the account, the path and both values. */
    public String describe() {
        return "account " + account + ", " + (path.isEmpty() ? "the whole state" : path) + ": temporal read model "
                + temporal + ", replay " + replayed;
    }
}
