package io.iamledger.infra.authz;

import io.iamledger.events.document.SourcePosition;
import io.iamledger.query.evaluator.Decision;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulation of one action, shaped as AWS's {@code EvaluationResult}: over {@code *}, or over the requested
 * resources with one {@link ResourceResult} each and, at the top, the most restrictive decision among them.
 * Immutable; no component is null.
 *
 * @param actionName                   {@code EvalActionName}
 * @param resourceName                 {@code EvalResourceName}: the one resource, or {@code *}
 * @param decision                     {@code EvalDecision}
 * @param matchedStatements            the deciding statements: the Deny ones for an explicit deny, the Allow ones
 *                                     when allowed, none for an implicit deny
 * @param missingContextValues         keys the policies read that the request lacked; reported here over
 *                                     {@code *}, per resource otherwise
 * @param allowedByPermissionsBoundary present when the principal has a boundary
 * @param decisionDetails              {@code EvalDecisionDetails}: each policy type's decision, present with a
 *                                     resource policy or across accounts, empty (but present) for resources in the
 *                                     same account, absent over {@code *}
 * @param resourceSpecificResults      one per requested resource; empty over {@code *}
 */
public record SimulationResult(String actionName, String resourceName, Decision decision,
                               List<Statement> matchedStatements, List<String> missingContextValues,
                               Optional<Boolean> allowedByPermissionsBoundary,
                               Optional<Map<String, Decision>> decisionDetails,
                               List<ResourceResult> resourceSpecificResults) {
    public SimulationResult {
        Objects.requireNonNull(actionName, "actionName");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(decision, "decision");
        matchedStatements = List.copyOf(matchedStatements);
        missingContextValues = List.copyOf(missingContextValues);
        Objects.requireNonNull(allowedByPermissionsBoundary, "allowedByPermissionsBoundary");
        decisionDetails = decisionDetails.map(details -> Collections.unmodifiableMap(new LinkedHashMap<>(details)));
        resourceSpecificResults = List.copyOf(resourceSpecificResults);
    }

    /** AWS's {@code ResourceSpecificResult}; components as in {@link SimulationResult}. */
    public record ResourceResult(String resourceName, Decision decision, List<Statement> matchedStatements,
                                 List<String> missingContextValues, Optional<Map<String, Decision>> decisionDetails,
                                 Optional<Boolean> allowedByPermissionsBoundary) {
        public ResourceResult {
            Objects.requireNonNull(resourceName, "resourceName");
            Objects.requireNonNull(decision, "decision");
            matchedStatements = List.copyOf(matchedStatements);
            missingContextValues = List.copyOf(missingContextValues);
            decisionDetails = decisionDetails.map(details -> Collections.unmodifiableMap(new LinkedHashMap<>(details)));
            Objects.requireNonNull(allowedByPermissionsBoundary, "allowedByPermissionsBoundary");
        }
    }

    /**
     * A matched statement as AWS's {@code Statement} shape locates it.
     *
     * @param sourcePolicyId   the policy's name (inline or managed), {@code PolicyInputList.N},
     *                         {@code PermissionsBoundaryPolicyInputList.N} or {@code ResourcePolicy}
     * @param sourcePolicyType {@code user}, {@code group}, {@code role} (inline policies), {@code aws-managed},
     *                         {@code user-managed}, {@code resource}, or {@code none} for policies given as input
     * @param start            where the statement starts in the policy text
     * @param end              where it ends
     */
    public record Statement(String sourcePolicyId, String sourcePolicyType, SourcePosition start,
                            SourcePosition end) {
        public Statement {
            Objects.requireNonNull(sourcePolicyId, "sourcePolicyId");
            Objects.requireNonNull(sourcePolicyType, "sourcePolicyType");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }
}
