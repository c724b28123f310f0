package io.iamledger.query.evaluator;

import io.iamledger.events.document.Condition;
import io.iamledger.events.document.Effect;
import io.iamledger.events.document.ResourceBlock;
import io.iamledger.events.document.SourcePosition;
import io.iamledger.events.document.Statement;
import java.util.List;

/**
 * One statement compiled to matchers, keeping only what an explanation needs of the source (Sid, index,
 * positions) rather than the model. Immutable and thread-safe.
 */
final class CompiledStatement {
    final CompiledPolicy policy;
    final boolean deny;
    final ActionMatcher action;
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
        this.action = ActionMatcher.compile(statement.action().negated(), statement.action().actions());
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
