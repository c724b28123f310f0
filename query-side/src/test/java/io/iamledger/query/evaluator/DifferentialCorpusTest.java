package io.iamledger.query.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.events.document.Effect;
import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.events.error.IamException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the differential corpus (query-side/src/test/corpus/README.md): 8,200 requests with the decision of
 * {@code @cloud-copilot/iam-simulate}, or where the README shows that package departing from the AWS documentation,
 * the documented decision ({@code awsDocumentedDecision}). Every case must agree, except those listed in
 * {@link CorpusKnownDifferences} with the AWS passage that justifies our answer; a listed case that starts agreeing
 * fails too, so the list stays true. On cases without a {@code deviation:*} feature the per-policy-type results and
 * the matched Deny and Allow statements are compared as well.
 */
class DifferentialCorpusTest {
    private static final String DIRECTORY = "io/iamledger/query/evaluator/corpus/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> mainCorpus() {
        return corpus("corpus.jsonl.gz");
    }

    @TestFactory
    Stream<DynamicNode> holdoutCorpus() {
        return corpus("corpus-holdout.jsonl.gz");
    }

    private Stream<DynamicNode> corpus(String file) {
        List<JsonNode> cases = read(file);
        Map<String, List<DynamicNode>> byFamily = new LinkedHashMap<>();
        for (JsonNode c : cases) {
            String id = c.get("id").asText();
            byFamily.computeIfAbsent(family(c), f -> new ArrayList<>())
                    .add(DynamicTest.dynamicTest(id + " " + c.get("description").asText(), () -> check(c)));
        }
        return byFamily.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    private static List<JsonNode> read(String file) {
        InputStream raw = DifferentialCorpusTest.class.getClassLoader().getResourceAsStream(DIRECTORY + file);
        assumeTrue(raw != null, "corpus file " + DIRECTORY + file + " has not been generated (see src/test/corpus)");
        List<JsonNode> cases = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    cases.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static String family(JsonNode c) {
        for (JsonNode feature : c.get("features")) {
            if (feature.asText().startsWith("family:")) {
                return feature.asText();
            }
        }
        return "family:none";
    }

    private static Set<String> features(JsonNode c) {
        Set<String> features = new HashSet<>();
        c.get("features").forEach(f -> features.add(f.asText()));
        return features;
    }

    private static void check(JsonNode c) {
        String id = c.get("id").asText();
        JsonNode expected = c.get("expected");
        String wanted = expected.has("awsDocumentedDecision") ? expected.get("awsDocumentedDecision").asText()
                : expected.get("decision").asText();
        String actual;
        Evaluation evaluation = null;
        try {
            evaluation = PolicyEvaluator.evaluate(request(c));
            actual = evaluation.decision().wireName();
        } catch (IamException e) {
            actual = "rejected: " + e.getMessage();
        }
        Optional<String> known = CorpusKnownDifferences.reason(id);
        if (known.isPresent()) {
            assertThat(actual).as("%s is listed as a known difference (%s) but now agrees; remove it", id, known.get())
                    .isNotEqualTo(wanted);
            return;
        }
        assertThat(actual).as("%s decision", id).isEqualTo(wanted);
        boolean deviation = features(c).stream().anyMatch(f -> f.startsWith("deviation:"));
        if (!deviation) {
            compareDetails(id, expected, evaluation);
        }
    }

    private static void compareDetails(String id, JsonNode expected, Evaluation evaluation) {
        Map<PolicyType, Decision> details = evaluation.decisionDetails();
        assertThat(detail(details, PolicyType.IDENTITY_BASED)).as("%s identity", id)
                .isEqualTo(expected.get("identity").asText());
        if (expected.has("permissionBoundary")) {
            assertThat(detail(details, PolicyType.PERMISSIONS_BOUNDARY)).as("%s boundary", id)
                    .isEqualTo(expected.get("permissionBoundary").asText());
        }
        if (expected.has("session")) {
            assertThat(detail(details, PolicyType.SESSION)).as("%s session", id).isEqualTo(expected.get("session").asText());
        }
        if (expected.has("resourcePolicy")) {
            assertThat(resourceDetail(evaluation)).as("%s resource policy", id)
                    .isEqualTo(expected.get("resourcePolicy").asText());
        }
        assertThat(statements(evaluation, Effect.DENY)).as("%s explicit denies", id)
                .isEqualTo(references(expected.get("explicitDenies")));
        if (expected.has("allowStatements")) {
            assertThat(statements(evaluation, Effect.ALLOW)).as("%s allow statements", id)
                    .isEqualTo(references(expected.get("allowStatements")));
        }
    }

    private static String detail(Map<PolicyType, Decision> details, PolicyType type) {
        Decision decision = details.get(type);
        return decision == null ? "absent" : decision.wireName();
    }

    /** iam-simulate's resource-policy result: a match only through the account is "...ForAccount". */
    private static String resourceDetail(Evaluation evaluation) {
        boolean deny = false;
        boolean denyDirect = false;
        boolean allow = false;
        boolean allowDirect = false;
        for (MatchedStatement statement : evaluation.matchedStatements()) {
            if (statement.policyType() != PolicyType.RESOURCE_BASED) {
                continue;
            }
            boolean direct = statement.principalMatch().orElseThrow() != MatchedStatement.PrincipalMatch.ACCOUNT;
            if (statement.effect() == Effect.DENY) {
                deny = true;
                denyDirect |= direct;
            } else {
                allow = true;
                allowDirect |= direct;
            }
        }
        if (deny) {
            return denyDirect ? "explicitDeny" : "deniedForAccount";
        }
        if (allow) {
            return allowDirect ? "allowed" : "allowedForAccount";
        }
        return "implicitDeny";
    }

    private static Set<String> statements(Evaluation evaluation, Effect effect) {
        Set<String> refs = new TreeSet<>();
        for (MatchedStatement statement : evaluation.matchedStatements()) {
            if (statement.effect() == effect) {
                String type = switch (statement.policyType()) {
                    case IDENTITY_BASED -> "identity";
                    case RESOURCE_BASED -> "resource";
                    case PERMISSIONS_BOUNDARY -> "permissionBoundary";
                    case SESSION -> "session";
                };
                String policyId = statement.policyType() == PolicyType.IDENTITY_BASED ? statement.source().id() : type;
                refs.add(type + "|" + policyId + "|" + (statement.index() + 1) + "|" + statement.sid().orElse(""));
            }
        }
        return refs;
    }

    private static Set<String> references(JsonNode list) {
        Set<String> refs = new TreeSet<>();
        for (JsonNode ref : list) {
            refs.add(ref.get("policyType").asText() + "|" + ref.get("policyId").asText() + "|"
                    + ref.get("statementIndex").asInt() + "|" + (ref.has("sid") ? ref.get("sid").asText() : ""));
        }
        return refs;
    }

    /** The case as a request: the context exactly as recorded, nothing derived from the principal. */
    static AuthorizationRequest request(JsonNode c) {
        JsonNode request = c.get("request");
        JsonNode context = request.get("context");
        String action = request.get("action").asText();
        AuthorizationRequest.Builder builder = AuthorizationRequest.builder(principal(request), action)
                .resource(request.get("resource").asText(), request.get("resourceAccount").asText())
                .principalContextKeys(false);
        context.properties().forEach(entry -> builder.context(entry.getKey(), contextValue(entry.getValue())));

        JsonNode policies = c.get("policies");
        CompiledPrincipalPolicies.Builder principalPolicies = CompiledPrincipalPolicies.builder();
        for (JsonNode policy : policies.get("identity")) {
            principalPolicies.identityPolicy(CompiledPolicy.compile(source(policy),
                    PolicyDocuments.read(policy.get("document").asText(), PolicyKind.IDENTITY)));
        }
        if (policies.has("permissionBoundary")) {
            principalPolicies.permissionsBoundary(CompiledPolicy.compile(
                    PolicySource.of("permissionBoundary", PolicySource.Kind.CUSTOMER_MANAGED),
                    PolicyDocuments.read(policies.get("permissionBoundary").asText(), PolicyKind.IDENTITY)));
        }
        if (policies.has("session")) {
            principalPolicies.sessionPolicy(CompiledPolicy.compile(
                    PolicySource.of("session", PolicySource.Kind.SESSION_INLINE),
                    PolicyDocuments.read(policies.get("session").asText(), PolicyKind.IDENTITY)));
        }
        builder.principalPolicies(principalPolicies.build());
        if (policies.has("resource")) {
            String service = action.substring(0, action.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
            boolean trust = service.equals("sts");
            CompiledPolicy resource = CompiledPolicy.compile(
                    PolicySource.of("resource", trust ? PolicySource.Kind.TRUST : PolicySource.Kind.RESOURCE),
                    PolicyDocuments.read(policies.get("resource").asText(), trust ? PolicyKind.TRUST : PolicyKind.RESOURCE));
            // Trust policies and KMS key policies must explicitly allow (reference_policies_evaluation-logic).
            if (trust || service.equals("kms")) {
                builder.requiredResourcePolicy(resource);
            } else {
                builder.resourcePolicy(resource);
            }
        }
        return builder.build();
    }

    private static Principal principal(JsonNode request) {
        String arn = request.get("principal").asText();
        if (arn.contains(":assumed-role/")) {
            JsonNode roleArn = request.get("context").get("aws:PrincipalArn");
            String role = roleArn != null ? roleArn.get("values").get(0).asText() : Principal.fromArn(arn).issuerArn().orElseThrow();
            return Principal.roleSession(arn, role, "AROACORPUS");
        }
        if (arn.contains(":user/")) {
            return Principal.iamUser(arn, "AIDACORPUS");
        }
        return Principal.fromArn(arn);
    }

    private static ContextValue contextValue(JsonNode entry) {
        String type = entry.get("type").asText();
        List<String> values = new ArrayList<>();
        entry.get("values").forEach(v -> values.add(v.asText()));
        boolean list = type.endsWith("List");
        String base = list ? type.substring(0, type.length() - "List".length()) : type;
        ContextValue.Type parsed = switch (base) {
            case "string" -> ContextValue.Type.STRING;
            case "numeric" -> ContextValue.Type.NUMBER;
            case "boolean" -> ContextValue.Type.BOOLEAN;
            case "date" -> ContextValue.Type.DATE;
            case "ip" -> ContextValue.Type.IP;
            case "binary" -> ContextValue.Type.BINARY;
            default -> throw new IllegalArgumentException("unknown context type " + type);
        };
        return ContextValue.parse(parsed, list, values);
    }

    private static PolicySource source(JsonNode policy) {
        String id = policy.get("id").asText();
        String attachedTo = policy.get("attachedTo").asText();
        Optional<String> group = attachedTo.startsWith("group:") ? Optional.of(attachedTo.substring("group:".length()))
                : Optional.empty();
        PolicySource.Kind kind = switch (policy.get("type").asText()) {
            case "user-inline" -> PolicySource.Kind.USER_INLINE;
            case "group-inline" -> PolicySource.Kind.GROUP_INLINE;
            case "role-inline" -> PolicySource.Kind.ROLE_INLINE;
            case "aws-managed" -> PolicySource.Kind.AWS_MANAGED;
            default -> PolicySource.Kind.CUSTOMER_MANAGED;
        };
        return new PolicySource(id, kind, group);
    }
}
