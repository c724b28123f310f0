package io.iamledger.query.evaluator;

import io.iamledger.events.document.Condition;
import io.iamledger.events.document.Effect;
import io.iamledger.events.document.ResourceBlock;
import io.iamledger.events.document.SourcePosition;
import io.iamledger.events.document.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One statement compiled to matchers, keeping only what an explanation needs of the source (Sid, index,
 * positions) rather than the model. Immutable and thread-safe.
 */
final class CompiledStatement {
    final CompiledPolicy policy;
    final boolean deny;
    /**
     * The {@code Action} / {@code NotAction} patterns, held here rather than in an object of their own because
     * deciding over many principals is bounded by cache misses: one fewer object to load per statement. Per
     * pattern two entries, both interned: the service prefix, or null when the pattern is {@code *} or its prefix
     * has a wildcard; the action name, or null when it has a wildcard. The request's service and action name are
     * interned too ({@link AuthorizationRequest}), so equal strings are the same instance and comparing references
     * is exact, and reads neither string.
     */
    private final String[] exactActions;
    /** Per pattern the service-prefix wildcard where {@link #exactActions} has no prefix, else null. */
    private final Wildcard[] serviceWildcards;
    /** Per pattern the action-name wildcard where {@link #exactActions} has no name, else null. */
    private final Wildcard[] actionWildcards;
    private final boolean notAction;
    /** Null when the statement has no Resource element (trust policies, some resource policies). */
    final ResourcePattern[] resources;
    final boolean resourcesNegated;
    /** Null in identity-based policies. */
    final PrincipalMatcher principal;
    final ConditionMatcher[] conditions;
    final String sid;
    final int index;
    final SourcePosition start;
    final SourcePosition end;

    CompiledStatement(CompiledPolicy policy, Statement statement, boolean variables) {
        this.policy = policy;
        this.deny = statement.effect() == Effect.DENY;
        List<String> actions = statement.action().actions();
        this.notAction = statement.action().negated();
        this.exactActions = new String[2 * actions.size()];
        this.serviceWildcards = new Wildcard[actions.size()];
        this.actionWildcards = new Wildcard[actions.size()];
        for (int i = 0; i < actions.size(); i++) {
            // "The prefix and the action name are case insensitive": lower-cased here and in the request
            String action = actions.get(i).toLowerCase(Locale.ROOT);
            int colon = action.indexOf(':');
            String service = colon < 0 ? "*" : action.substring(0, colon);
            String name = colon < 0 ? action : action.substring(colon + 1);
            if (hasWildcard(service)) {
                serviceWildcards[i] = Wildcard.compile(service, false);
            } else {
                exactActions[2 * i] = service.intern();
            }
            if (hasWildcard(name)) {
                actionWildcards[i] = Wildcard.compile(name, false);
            } else {
                exactActions[2 * i + 1] = name.intern();
            }
        }
        if (statement.resource().isPresent()) {
            ResourceBlock block = statement.resource().get();
            List<String> patterns = block.resources();
            this.resources = new ResourcePattern[patterns.size()];
            for (int i = 0; i < resources.length; i++) {
                resources[i] = ResourcePattern.compile(patterns.get(i), variables);
            }
            this.resourcesNegated = block.negated();
        } else {
            this.resources = null;
            this.resourcesNegated = false;
        }
        this.principal = statement.principal().map(PrincipalMatcher::compile).orElse(null);
        List<Condition> source = statement.conditions();
        this.conditions = new ConditionMatcher[source.size()];
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] = ConditionMatcher.compile(source.get(i), variables);
        }
        this.sid = statement.sid().orElse(null);
        this.index = statement.index();
        this.start = statement.start();
        this.end = statement.end();
    }

    private static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** Whether the statement covers the action, both parts given lower-cased and interned. */
    boolean coversAction(String service, String name) {
        boolean listed = false;
        String[] exact = exactActions;
        for (int i = 0; i < actionWildcards.length; i++) {
            String prefix = exact[2 * i];
            if (prefix != null ? prefix != service : !serviceWildcards[i].matches(service)) {
                continue;
            }
            String exactName = exact[2 * i + 1];
            if (exactName != null ? exactName == name : actionWildcards[i].matches(name)) {
                listed = true;
                break;
            }
        }
        return listed != notAction;
    }

    /**
     * Adds the services this statement's actions belong to and returns true, or returns false when it can cover
     * actions of any service (a {@code NotAction}, {@code *}, or a wildcard prefix).
     */
    boolean addServices(Set<String> into) {
        if (notAction) {
            return false;
        }
        for (int i = 0; i < actionWildcards.length; i++) {
            if (exactActions[2 * i] == null) {
                return false;
            }
        }
        for (int i = 0; i < actionWildcards.length; i++) {
            into.add(exactActions[2 * i]);
        }
        return true;
    }

    boolean coversResource(AuthorizationRequest request) {
        if (resources == null) {
            return true;
        }
        String resource = request.resource();
        boolean listed = false;
        for (ResourcePattern pattern : resources) {
            if (pattern.matches(request, resource)) {
                listed = true;
                break;
            }
        }
        return listed != resourcesNegated;
    }

    boolean conditionsHold(AuthorizationRequest request) {
        for (ConditionMatcher condition : conditions) {
            if (!condition.holds(request)) {
                return false;
            }
        }
        return true;
    }

    /** Adds every context key the statement reads (condition keys and variables), as written. */
    void addContextKeys(List<String> into) {
        if (resources != null) {
            for (ResourcePattern pattern : resources) {
                pattern.addVariableKeys(into);
            }
        }
        for (ConditionMatcher condition : conditions) {
            condition.addKeys(into);
        }
    }

    @Override
    public String toString() {
        return policy.source().id() + "#" + index + (sid == null ? "" : "(" + sid + ")");
    }
}
