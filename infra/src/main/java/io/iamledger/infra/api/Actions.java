package io.iamledger.infra.api;

import io.iamledger.infra.protocol.QueryService;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table of actions this server implements, per service: name, handler, and whether the action only reads
 * (every action is authorized by the policy evaluator; reads first wait for the caller's own writes).
 * Built once at start; immutable afterwards.
 */
public final class Actions {
    /** An implemented action. */
    public record Action(String name, boolean readOnly, ActionHandler handler) {}

    private final Map<QueryService, Map<String, Action>> byService = new LinkedHashMap<>();

    Actions read(QueryService service, String name, ActionHandler handler) {
        return add(service, new Action(name, true, handler));
    }

    Actions write(QueryService service, String name, ActionHandler handler) {
        return add(service, new Action(name, false, handler));
    }

    private Actions add(QueryService service, Action action) {
        Map<String, Action> actions = byService.computeIfAbsent(service, s -> new LinkedHashMap<>());
        if (actions.putIfAbsent(action.name(), action) != null) {
            throw new IllegalStateException("action registered twice: " + action.name());
        }
        return this;
    }

    public Set<String> names(QueryService service) {
        return Collections.unmodifiableSet(byService.getOrDefault(service, Map.of()).keySet());
    }

    public Optional<Action> find(QueryService service, String name) {
        return Optional.ofNullable(byService.getOrDefault(service, Map.of()).get(name));
    }
}
