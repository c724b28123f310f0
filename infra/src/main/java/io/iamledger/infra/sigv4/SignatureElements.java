package io.iamledger.infra.sigv4;

import io.iamledger.infra.sigv4.Canonical.QueryParam;
import java.util.List;

/**
 * The signature elements of one request, read from the {@code Authorization} header or from the presigned query
 * parameters, checked for presence but not yet for meaning.
 *
 * @param presigned     whether they came from the query string
 * @param credential    {@code AKID/date/region/service/aws4_request} as sent
 * @param signedHeaders the {@code ;}-separated list as sent
 * @param signature     as sent, not yet checked to be hex
 * @param amzDate       the request time as sent, not yet checked to be well-formed
 * @param expires       the {@code X-Amz-Expires} text of a presigned request, or null
 * @param sessionToken  the presented session token, or null
 */
record SignatureElements(boolean presigned, String credential, String signedHeaders, String signature,
                         String amzDate, String expires, String sessionToken) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String Q_ALGORITHM = "X-Amz-Algorithm";
    static final String Q_CREDENTIAL = "X-Amz-Credential";
    static final String Q_DATE = "X-Amz-Date";
    static final String Q_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String Q_SIGNATURE = "X-Amz-Signature";
    static final String Q_EXPIRES = "X-Amz-Expires";
    static final String Q_SECURITY_TOKEN = "X-Amz-Security-Token";
    static final String H_AUTHORIZATION = "authorization";
    static final String H_DATE = "x-amz-date";
    static final String H_SECURITY_TOKEN = "x-amz-security-token";

    /**
     * Finds the signature elements of a request.
     *
     * @param query the request's canonical query parameters
     * @throws io.iamledger.events.error.IamException {@code MissingAuthenticationToken} when the request carries
     *     neither form, {@code IncompleteSignature} when it carries both or one with an element missing
     */
    static SignatureElements locate(IncomingRequest request, List<QueryParam> query) {
        List<String> authorization = request.lowerCaseHeader(H_AUTHORIZATION);
        boolean queryAuth = find(query, Q_ALGORITHM) != null || find(query, Q_CREDENTIAL) != null
                || find(query, Q_SIGNATURE) != null;
        if (authorization.isEmpty()) {
            if (!queryAuth) {
                throw Failures.missingAuthenticationToken();
            }
            return fromQuery(request, query);
        }
        if (queryAuth) {
            throw Failures.incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified");
        }
        if (authorization.size() > 1) {
            throw Failures.incomplete("Only one Authorization header is allowed");
        }
        return fromHeader(request, authorization.get(0));
    }

    private static SignatureElements fromHeader(IncomingRequest request, String header) {
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        int space = header.indexOf(' ');
        if (space > 0 && header.startsWith(ALGORITHM) && space == ALGORITHM.length()) {
            int length = header.length();
            int start = space + 1;
            while (start < length) {
                int comma = header.indexOf(',', start);
                int end = comma < 0 ? length : comma;
                int from = skipSpaces(header, start, end);
                int to = trimSpaces(header, from, end);
                if (from < to) {
                    int eq = header.indexOf('=', from);
                    if (eq < 0 || eq >= to) {
                        throw Failures.incomplete("'" + header.substring(from, to) + "' not a valid key=value pair "
                                + "(missing equal-sign) in Authorization header: '" + header + "'.");
                    }
                    String key = header.substring(from, trimSpaces(header, from, eq));
                    String value = header.substring(skipSpaces(header, eq + 1, to), to);
                    switch (key) {
                        case "Credential" -> credential = value;
                        case "SignedHeaders" -> signedHeaders = value;
                        case "Signature" -> signature = value;
                        default -> { } // AWS ignores elements it does not know
                    }
                }
                start = end + 1;
            }
        }
        List<String> dates = request.lowerCaseHeader(H_DATE);
        String amzDate = dates.isEmpty() ? null : dates.get(0);
        if (isEmpty(credential) || isEmpty(signedHeaders) || isEmpty(signature) || isEmpty(amzDate)) {
            StringBuilder message = new StringBuilder();
            if (isEmpty(credential)) {
                message.append("Authorization header requires 'Credential' parameter. ");
            }
            if (isEmpty(signature)) {
                message.append("Authorization header requires 'Signature' parameter. ");
            }
            if (isEmpty(signedHeaders)) {
                message.append("Authorization header requires 'SignedHeaders' parameter. ");
            }
            if (isEmpty(amzDate)) {
                message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            }
            throw Failures.incomplete(message.append("Authorization=").append(header).toString());
        }
        List<String> tokens = request.lowerCaseHeader(H_SECURITY_TOKEN);
        return new SignatureElements(false, credential, signedHeaders, signature, amzDate, null, joined(tokens));
    }

    private static SignatureElements fromQuery(IncomingRequest request, List<QueryParam> query) {
        String algorithm = decoded(query, Q_ALGORITHM);
        String credential = decoded(query, Q_CREDENTIAL);
        String signedHeaders = decoded(query, Q_SIGNED_HEADERS);
        String signature = decoded(query, Q_SIGNATURE);
        String amzDate = decoded(query, Q_DATE);
        StringBuilder missing = new StringBuilder();
        requireParameter(missing, Q_ALGORITHM, algorithm);
        requireParameter(missing, Q_CREDENTIAL, credential);
        requireParameter(missing, Q_SIGNATURE, signature);
        requireParameter(missing, Q_SIGNED_HEADERS, signedHeaders);
        requireParameter(missing, Q_DATE, amzDate);
        if (missing.length() > 0) {
            throw Failures.incomplete(missing.append("Re-examine the query-string parameters.").toString());
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw Failures.incomplete("X-Amz-Algorithm only supports '" + ALGORITHM + "'");
        }
        String token = decoded(query, Q_SECURITY_TOKEN);
        if (token == null) {
            token = joined(request.lowerCaseHeader(H_SECURITY_TOKEN));
        }
        return new SignatureElements(true, credential, signedHeaders, signature, amzDate, decoded(query, Q_EXPIRES),
                token);
    }

    private static void requireParameter(StringBuilder missing, String name, String value) {
        if (isEmpty(value)) {
            missing.append("AWS query-string parameters must include '").append(name).append("'. ");
        }
    }

    private static QueryParam find(List<QueryParam> query, String name) {
        for (int i = 0, n = query.size(); i < n; i++) {
            QueryParam param = query.get(i);
            if (param.name().equals(name)) {
                return param;
            }
        }
        return null;
    }

    private static String decoded(List<QueryParam> query, String name) {
        QueryParam param = find(query, name);
        return param == null ? null : Canonical.decode(param.value());
    }

    private static String joined(List<String> values) {
        return switch (values.size()) {
            case 0 -> null;
            case 1 -> values.get(0);
            default -> String.join(",", values);
        };
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static int skipSpaces(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    private static int trimSpaces(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return to;
    }

    @Override
    public String toString() {
        // the session token is a credential; keep it out of any log line
        return "SignatureElements[" + (presigned ? "query" : "header") + ", " + credential + ", " + signedHeaders
                + (sessionToken == null ? "" : ", with session token") + "]";
    }
}
