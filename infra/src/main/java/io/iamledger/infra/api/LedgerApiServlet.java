package io.iamledger.infra.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.accounts.AccountCredentials;
import io.iamledger.infra.accounts.Accounts;
import io.iamledger.infra.audit.ResponseElements;
import io.iamledger.infra.authz.AccessRequest;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.history.TimeTravel;
import io.iamledger.infra.ledger.Checkpointer;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.sigv4.SigV4Verifier;
import io.iamledger.infra.sigv4.VerifiedCaller;
import io.iamledger.query.evaluator.ContextValue;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's own JSON API under {@code /v1}, on the same port as the AWS protocols: time travel
 * ({@code GET /v1/can}, {@code /v1/who-can}, {@code /v1/timeline}, {@code /v1/diff}, {@code /v1/state}), the log's
 * checkpoints ({@code POST /v1/log/checkpoint}) and accounts ({@code POST /v1/accounts}, only for the root user of
 * the default account), each SigV4-signed under signing name {@code iamledger}, authorized as
 * {@code iamledger:<Operation>} like every IAM call, and audited with event source {@code iamledger.amazonaws.com}.
 * A request body, where there is one, is a JSON object. {@code GET /v1/log/public-key} is public, so that anyone
 * can verify checkpoints. Errors are {@code {"code": ..., "message": ...}} with AWS's HTTP status; a bad ARN,
 * instant or body is a 400, never a 500.
 */
final class LedgerApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String SIGNING_NAME = "iamledger";
    static final String EVENT_SOURCE = "iamledger.amazonaws.com";
    private static final String JSON_TYPE = "application/json";
    private static final Logger log = LoggerFactory.getLogger(LedgerApiServlet.class);
    private static final TypeReference<Map<String, Object>> PARAMETER_TREE = new TypeReference<>() {};

    /**
     * One operation: its HTTP method, whether it only reads, whether it appends events (then its audit record
     * commits with them), and what it answers.
     */
    private record Operation(String name, String method, boolean readOnly, boolean appendsEvents, Handler handler) {}

    @FunctionalInterface
    private interface Handler {
        /** {@code body} is the request's JSON object, empty when the request has no body. */
        JsonNode handle(Caller caller, HttpServletRequest request, ObjectNode body, Instant receivedAt);
    }

    private final transient SigV4Verifier<Caller> verifier;
    private final transient CallerCredentials credentials;
    private final transient IdGenerator ids;
    private final transient Clock clock;
    private final transient Authorizer authorizer;
    private final transient ReadGate readGate;
    private final transient CommandSender commands;
    private final transient CallRecorder recorder;
    private final transient TimeTravel timeTravel;
    private final transient Checkpointer checkpointer;
    private final transient String publicKeyPem;
    private final transient Accounts accounts;
    private final transient Map<String, Operation> operations = new LinkedHashMap<>();
    private final transient ObjectMapper json = new ObjectMapper();

    LedgerApiServlet(CallerCredentials credentials, IdGenerator ids, Clock clock, Authorizer authorizer,
                     ReadGate readGate, CommandSender commands, CallRecorder recorder, TimeTravel timeTravel,
                     Checkpointer checkpointer, String publicKeyPem, Accounts accounts) {
        this.credentials = credentials;
        this.ids = ids;
        this.clock = clock;
        this.authorizer = authorizer;
        this.readGate = readGate;
        this.commands = commands;
        this.recorder = recorder;
        this.timeTravel = timeTravel;
        this.checkpointer = checkpointer;
        this.publicKeyPem = publicKeyPem;
        this.accounts = accounts;
        this.verifier = SigV4Verifier.builder(credentials)
                .services(Set.of(SIGNING_NAME))
                .clock(clock)
                .build();
        operations.put("/v1/can", new Operation("Can", "GET", true, false,
                (caller, request, body, at) -> can(caller, request, at)));
        operations.put("/v1/who-can", new Operation("WhoCan", "GET", true, false,
                (caller, request, body, at) -> whoCan(caller, request, at)));
        operations.put("/v1/timeline", new Operation("GetTimeline", "GET", true, false,
                (caller, request, body, at) -> timeline(caller, request, at)));
        operations.put("/v1/diff", new Operation("GetDiff", "GET", true, false,
                (caller, request, body, at) -> diff(caller, request, at)));
        operations.put("/v1/state", new Operation("GetState", "GET", true, false,
                (caller, request, body, at) -> state(caller, request, at)));
        operations.put("/v1/log/checkpoint", new Operation("CreateCheckpoint", "POST", false, false,
                (caller, request, body, at) -> checkpoint()));
        operations.put("/v1/accounts", new Operation("CreateAccount", "POST", false, true, this::createAccount));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals("/v1/log/public-key") && request.getMethod().equals("GET")) {
            respond(response, 200, "application/x-pem-file", publicKeyPem);
            return;
        }
        String requestId = ids.requestId();
        Instant receivedAt = clock.instant();
        CallRecorder.Facts facts = new CallRecorder.Facts();
        facts.eventSource = EVENT_SOURCE;
        Operation operation = operations.get(path);
        facts.action = operation == null ? "" : operation.name();
        facts.readOnly = operation == null || operation.readOnly();
        try {
            byte[] body = AwsQueryServlet.readBody(request);
            VerifiedCaller<Caller> verified = verifier.verify(AwsQueryServlet.incoming(request, body));
            Caller caller = verified.principal();
            facts.caller = caller;
            facts.region = verified.region();
            credentials.noteUse(verified, facts.region, receivedAt);
            if (operation == null) {
                throw new IamException(ErrorCode.NOT_FOUND, "No operation is served at " + path + ".");
            }
            if (!operation.method().equals(request.getMethod())) {
                throw new IamException(ErrorCode.METHOD_NOT_ALLOWED, path + " is served with " + operation.method()
                        + ", not " + request.getMethod() + ".");
            }
            ObjectNode given = body(body);
            facts.requestParameters = given.isEmpty() ? parameters(request)
                    : ResponseElements.requestParameters(json.convertValue(given, PARAMETER_TREE));
            readGate.awaitOwnWrites(caller.accountId());
            JsonNode answer;
            if (operation.appendsEvents()) {
                // the record commits with the call's events, or neither does; the events belong to the account
                // the answer names (CreateAccount's new one), so that reads of that account wait for them
                answer = commands.call(result -> result.path("accountId").asText(caller.accountId()),
                        () -> operation.handler().handle(caller, request, given, receivedAt),
                        (result, events) -> recorder.successInTransaction(request, requestId, receivedAt, facts,
                                result, events));
            } else {
                answer = operation.handler().handle(caller, request, given, receivedAt);
                recorder.success(request, requestId, receivedAt, facts);
            }
            respond(response, 200, JSON_TYPE, json.writeValueAsString(answer));
        } catch (IamException e) {
            recorder.failure(request, requestId, receivedAt, facts, e.code().awsCode(), e.getMessage());
            respond(response, e.code().httpStatus(), JSON_TYPE, error(e.code().awsCode(), e.getMessage(), requestId));
        } catch (RuntimeException e) {
            log.error("request {} ({}) failed", requestId, facts.action, e);
            String message = "An internal error occurred. Request id: " + requestId;
            recorder.failure(request, requestId, receivedAt, facts, ErrorCode.SERVICE_FAILURE.awsCode(), message);
            respond(response, 500, JSON_TYPE, error(ErrorCode.SERVICE_FAILURE.awsCode(), message, requestId));
        }
    }

    /**
     * {@code POST /v1/accounts} with an optional body {@code {"profile": NAME}}: a new account whose root
     * credentials go to the profile (default {@code account-<id>}) of the server's credentials file. The answer and
     * the audit record name the account, the profile and the access key id, never the secret.
     */
    private JsonNode createAccount(Caller caller, HttpServletRequest request, ObjectNode body, Instant receivedAt) {
        authorize(caller, request, receivedAt, "iamledger:CreateAccount", "*");
        Optional<String> profile = Optional.empty();
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            if (!member.getKey().equals("profile")) {
                throw IamException.validation("The request body has an unknown member " + member.getKey()
                        + "; CreateAccount accepts only profile.");
            }
            if (!member.getValue().isNull()) {
                if (!member.getValue().isTextual()) {
                    throw new IamException(ErrorCode.SERIALIZATION, "The member profile must be a string, not "
                            + member.getValue().getNodeType().name().toLowerCase(Locale.ROOT) + ".");
                }
                profile = Optional.of(member.getValue().textValue());
            }
        }
        AccountCredentials created = accounts.create(profile);
        return json.createObjectNode()
                .put("accountId", created.accountId())
                .put("profile", created.profile())
                .put("accessKeyId", created.accessKeyId());
    }

    private JsonNode checkpoint() {
        try {
            return json.valueToTree(checkpointer.checkpoint().toJson());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write a checkpoint", e);
        }
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    private ObjectNode body(byte[] body) {
        if (isBlank(body)) {
            return json.createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            throw new IamException(ErrorCode.SERIALIZATION, "The request body is not valid JSON.");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new IamException(ErrorCode.SERIALIZATION, "The request body must be a JSON object.");
        }
        return object;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private JsonNode can(Caller caller, HttpServletRequest request, Instant receivedAt) {
        Arn principal = Arn.parse(required(request, "principal"));
        String action = required(request, "action");
        String resource = required(request, "resource");
        Instant at = instant(request, "at", receivedAt);
        checkNotFuture(at, request.getParameter("at"), "at", receivedAt);
        authorize(caller, request, receivedAt, "iamledger:Can", principal.toString());
        requireOwnAccount(caller, principal.account(), "principal");
        return timeTravel.can(principal, action, resource, at, context(request));
    }

    private JsonNode whoCan(Caller caller, HttpServletRequest request, Instant receivedAt) {
        String account = required(request, "account");
        String action = required(request, "action");
        String resource = required(request, "resource");
        Instant at = instant(request, "at", receivedAt);
        checkNotFuture(at, request.getParameter("at"), "at", receivedAt);
        authorize(caller, request, receivedAt, "iamledger:WhoCan", "*");
        requireOwnAccount(caller, account, "account");
        return timeTravel.whoCan(account, action, resource, at, context(request));
    }

    private JsonNode timeline(Caller caller, HttpServletRequest request, Instant receivedAt) {
        Arn principal = Arn.parse(required(request, "principal"));
        String action = required(request, "action");
        String resource = required(request, "resource");
        Instant from = instant(request, "from", Instant.EPOCH);
        Instant to = instant(request, "to", receivedAt);
        checkNotFuture(to, request.getParameter("to"), "to", receivedAt);
        authorize(caller, request, receivedAt, "iamledger:GetTimeline", principal.toString());
        requireOwnAccount(caller, principal.account(), "principal");
        return timeTravel.timeline(principal, action, resource, from, to, context(request));
    }

    private JsonNode diff(Caller caller, HttpServletRequest request, Instant receivedAt) {
        Arn principal = Arn.parse(required(request, "principal"));
        Instant from = instant(request, "from", Instant.EPOCH);
        Instant to = instant(request, "to", receivedAt);
        checkNotFuture(to, request.getParameter("to"), "to", receivedAt);
        authorize(caller, request, receivedAt, "iamledger:GetDiff", principal.toString());
        requireOwnAccount(caller, principal.account(), "principal");
        return timeTravel.diff(principal, from, to);
    }

    private JsonNode state(Caller caller, HttpServletRequest request, Instant receivedAt) {
        String account = required(request, "account");
        Instant at = instant(request, "at", receivedAt);
        checkNotFuture(at, request.getParameter("at"), "at", receivedAt);
        authorize(caller, request, receivedAt, "iamledger:GetState", "*");
        requireOwnAccount(caller, account, "account");
        return timeTravel.state(account, at);
    }

    private void authorize(Caller caller, HttpServletRequest request, Instant receivedAt, String permission,
                           String resource) {
        authorizer.authorizePermission(new AccessRequest(QueryService.IAM, permission, QueryParameters.none(),
                caller.accountId(), caller.identity(), CallRecorder.remoteAddress(request), request.isSecure(),
                CallRecorder.IAM_REGION, receivedAt, caller.session()), permission, resource);
    }

    /** A caller sees only its own account's history. */
    private static void requireOwnAccount(Caller caller, String account, String parameter) {
        if (!caller.accountId().equals(account)) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "The " + parameter + " belongs to account " + account
                    + "; callers of account " + caller.accountId() + " may ask only about their own account.");
        }
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            throw new IamException(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name
                    + ".");
        }
        return value;
    }

    /**
     * An ISO-8601 instant ({@code 2026-03-03T14:00:00Z}, or with an offset), not later than the call; absent means
     * {@code otherwise}.
     */
    static Instant instant(HttpServletRequest request, String name, Instant otherwise) {
        String text = request.getParameter(name);
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE, "Value " + text + " for parameter " + name
                    + " is not an ISO-8601 instant such as 2026-03-03T14:00:00Z.");
        }
        return instant;
    }

    /** An answer about the future could still change; the ledger answers only what is settled. */
    private static void checkNotFuture(Instant instant, String text, String name, Instant receivedAt) {
        if (instant.isAfter(receivedAt)) {
            throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE, "Value " + text + " for parameter " + name
                    + " is in the future.");
        }
    }

    /** {@code context.KEY=VALUE}, repeated for several values of one key. */
    private static Map<String, ContextValue> context(HttpServletRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, given) -> {
            if (name.startsWith("context.") && name.length() > "context.".length()) {
                values.computeIfAbsent(name.substring("context.".length()), key -> new ArrayList<>())
                        .addAll(List.of(given));
            }
        });
        Map<String, ContextValue> context = new LinkedHashMap<>();
        values.forEach((key, list) -> context.put(key, list.size() == 1 ? ContextValue.string(list.get(0))
                : ContextValue.strings(list)));
        return context;
    }

    private ObjectNode parameters(HttpServletRequest request) {
        ObjectNode parameters = json.createObjectNode();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.startsWith("X-Amz-")) {
                parameters.put(name, String.join(",", values));
            }
        });
        return parameters;
    }

    private String error(String code, String message, String requestId) {
        ObjectNode body = json.createObjectNode().put("code", code).put("message", message)
                .put("requestId", requestId);
        return body.toString();
    }

    private static void respond(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
