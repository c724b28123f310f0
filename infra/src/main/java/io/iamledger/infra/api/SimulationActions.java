package io.iamledger.infra.api;

import io.iamledger.events.error.IamException;
import io.iamledger.infra.authz.PolicySimulator;
import io.iamledger.infra.authz.SimulationRequest;
import io.iamledger.infra.authz.SimulationResult;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.evaluator.Decision;
import io.iamledger.query.readmodel.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's policy simulator on the wire: {@code SimulatePrincipalPolicy} and {@code SimulateCustomPolicy} (both
 * read-only), one {@code EvaluationResults} member per action, paged with {@code MaxItems} (default 100) and an
 * opaque {@code Marker}. Members are written in the botocore model's order.
 */
final class SimulationActions {
    private static final String MARKER_PREFIX = "simulation:";

    private final PolicySimulator simulator;

    SimulationActions(PolicySimulator simulator) {
        this.simulator = simulator;
    }

    void register(Actions actions) {
        actions.read(QueryService.IAM, "SimulatePrincipalPolicy", call -> simulate(call,
                        Optional.of(call.parameters().requiredString("PolicySourceArn"))))
                .read(QueryService.IAM, "SimulateCustomPolicy", call -> {
                    requireList(call.parameters(), "PolicyInputList");
                    return simulate(call, Optional.empty());
                });
    }

    private String simulate(ApiCall call, Optional<String> policySource) {
        QueryParameters p = call.parameters();
        requireList(p, "ActionNames");
        List<SimulationRequest.ContextEntry> context = new ArrayList<>();
        for (QueryParameters entry : p.structList("ContextEntries")) {
            context.add(new SimulationRequest.ContextEntry(entry.requiredString("ContextKeyName"),
                    entry.stringList("ContextKeyValues"), entry.optionalString("ContextKeyType")));
        }
        // ResourceHandlingOption names EC2 scenarios; with no EC2 here it changes nothing
        PolicySimulator.Simulation simulation = simulator.prepare(new SimulationRequest(call.accountId(),
                policySource, p.stringList("PolicyInputList"), p.stringList("PermissionsBoundaryPolicyInputList"),
                p.stringList("ActionNames"), p.stringList("ResourceArns"), p.optionalString("ResourcePolicy"),
                p.optionalString("ResourceOwner"), p.optionalString("CallerArn"), context));

        int maxItems = p.optionalInt("MaxItems", 1, PageRequest.MAX_MAX_ITEMS).orElse(PageRequest.DEFAULT_MAX_ITEMS);
        int first = p.optionalString("Marker").map(marker -> start(marker, simulation.size())).orElse(0);
        int end = Math.min(simulation.size(), first + maxItems);
        List<SimulationResult> page = new ArrayList<>(end - first);
        for (int i = first; i < end; i++) {
            page.add(simulation.result(i));
        }
        XmlResponseWriter out = call.result().list("EvaluationResults", page, SimulationActions::result);
        out.element("IsTruncated", end < simulation.size());
        if (end < simulation.size()) {
            out.element("Marker", marker(end));
        }
        return call.finish(out);
    }

    private static void result(XmlResponseWriter out, SimulationResult result) {
        out.element("EvalActionName", result.actionName())
                .element("EvalResourceName", result.resourceName())
                .element("EvalDecision", result.decision().wireName());
        statements(out, result.matchedStatements());
        out.stringList("MissingContextValues", result.missingContextValues());
        // IAM Ledger has no Organizations, so no service control policy ever denies
        out.start("OrganizationsDecisionDetail").element("AllowedByOrganizations", true).end();
        boundary(out, result.allowedByPermissionsBoundary());
        result.decisionDetails().ifPresent(details -> out.stringMap("EvalDecisionDetails", wire(details)));
        if (!result.resourceSpecificResults().isEmpty()) {
            out.list("ResourceSpecificResults", result.resourceSpecificResults(), (m, resource) -> {
                m.element("EvalResourceName", resource.resourceName())
                        .element("EvalResourceDecision", resource.decision().wireName());
                statements(m, resource.matchedStatements());
                m.stringList("MissingContextValues", resource.missingContextValues());
                resource.decisionDetails().ifPresent(details -> m.stringMap("EvalDecisionDetails", wire(details)));
                boundary(m, resource.allowedByPermissionsBoundary());
            });
        }
    }

    private static void statements(XmlResponseWriter out, List<SimulationResult.Statement> statements) {
        out.list("MatchedStatements", statements, (m, statement) -> m
                .element("SourcePolicyId", statement.sourcePolicyId())
                .element("SourcePolicyType", statement.sourcePolicyType())
                .start("StartPosition").element("Line", statement.start().line())
                .element("Column", statement.start().column()).end()
                .start("EndPosition").element("Line", statement.end().line())
                .element("Column", statement.end().column()).end());
    }

    private static void boundary(XmlResponseWriter out, Optional<Boolean> allowed) {
        allowed.ifPresent(value -> out.start("PermissionsBoundaryDecisionDetail")
                .element("AllowedByPermissionsBoundary", value).end());
    }

    private static Map<String, String> wire(Map<String, Decision> details) {
        Map<String, String> wire = new LinkedHashMap<>();
        details.forEach((type, decision) -> wire.put(type, decision.wireName()));
        return wire;
    }

    /** The botocore model marks these lists required; an empty list is sent as {@code Name=} and is allowed. */
    private static void requireList(QueryParameters p, String name) {
        if (!p.isPresent(name)) {
            String member = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            throw IamException.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
    }

    private static String marker(int next) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((MARKER_PREFIX + next).getBytes(StandardCharsets.UTF_8));
    }

    private static int start(String marker, int size) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.startsWith(MARKER_PREFIX)) {
                int next = Integer.parseInt(text.substring(MARKER_PREFIX.length()));
                if (next > 0 && next < size) {
                    return next;
                }
            }
        } catch (IllegalArgumentException e) {
            // not a marker of ours; answered below
        }
        throw IamException.invalidInput("Invalid Marker: it does not come from a previous page of this simulation.");
    }
}
