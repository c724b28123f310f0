package io.iamledger.infra.protocol;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One awsQuery request: its service, {@code Action}, {@code Version} and typed {@link #parameters()}, parsed from
 * the raw query string and the raw {@code application/x-www-form-urlencoded} body together (the SDKs POST a form;
 * GET with a query string is legal too). Parse it after the signature has been verified over the same bytes.
 * Immutable and thread-safe.
 */
public final class QueryRequest {
    private static final String NO_VERSION = "NO_VERSION_SPECIFIED";

    private final QueryService service;
    private final String action;
    private final String version;
    private final QueryParameters parameters;

    private QueryRequest(QueryService service, String action, String version, QueryParameters parameters) {
        this.service = service;
        this.action = action;
        this.version = version;
        this.parameters = parameters;
    }

    /**
     * Parses and checks one request.
     *
     * @param operations the actions this server implements for {@code service}, e.g. {@code CreateUser}
     * @param rawQuery   the query string as sent, without {@code ?}; empty or null when there is none
     * @param formBody   the body as sent when it is a form, else an empty array
     * @throws IamException {@code MissingAction} without an {@code Action}; {@code InvalidAction} when the action is
     *     not among {@code operations} or {@code Version} is not the service's ({@code Could not find operation X for
     *     version V}); {@code InvalidParameterValue} for malformed percent-encoding, invalid UTF-8 or a parameter
     *     sent twice (also once in the query string and once in the body)
     */
    public static QueryRequest parse(QueryService service, Set<String> operations, String rawQuery, byte[] formBody) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(formBody, "formBody");
        ParameterNode root = new ParameterNode();
        FormDecoder decoder = new FormDecoder();
        BiConsumer<String, String> add = (name, value) -> {
            if (!name.isEmpty() && !root.put(name, value)) {
                throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Parameter " + name + " must not be given more than once");
            }
        };
        if (rawQuery != null && !rawQuery.isEmpty()) {
            decoder.decode(rawQuery.getBytes(StandardCharsets.UTF_8), add);
        }
        decoder.decode(formBody, add);

        String action = valueOf(root, "Action");
        if (action == null || action.isEmpty()) {
            throw new IamException(ErrorCode.MISSING_ACTION, "Missing Action");
        }
        String version = valueOf(root, "Version");
        if (version == null || version.isEmpty()) {
            version = NO_VERSION;
        }
        if (!version.equals(service.version()) || !operations.contains(action)) {
            throw new IamException(ErrorCode.INVALID_ACTION,
                    "Could not find operation " + action + " for version " + version);
        }
        return new QueryRequest(service, action, version, new QueryParameters(root, "", ""));
    }

    public QueryService service() {
        return service;
    }

    /** The operation name, e.g. {@code CreateUser}; one of the operations given to {@link #parse}. */
    public String action() {
        return action;
    }

    /** Always the service's version, e.g. {@code 2010-05-08}. */
    public String version() {
        return version;
    }

    /** All parameters of the request, {@code Action} and {@code Version} included. */
    public QueryParameters parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "QueryRequest[" + service + " " + action + "]";
    }

    private static String valueOf(ParameterNode root, String name) {
        ParameterNode node = root.child(name);
        return node == null ? null : node.value();
    }
}
