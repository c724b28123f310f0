package io.iamledger.events.error;

/**
 * Every AWS error this system can answer with: the code on the wire, the HTTP status and whether the
 * caller ({@code Sender}) or the service ({@code Receiver}) is at fault. The one place these live; only the
 * infra module renders them into responses.
 */
public enum ErrorCode {
    // IAM service errors (botocore iam/2010-05-08 error traits)
    NO_SUCH_ENTITY("NoSuchEntity", 404, true),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409, true),
    DELETE_CONFLICT("DeleteConflict", 409, true),
    LIMIT_EXCEEDED("LimitExceeded", 409, true),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, true),
    INVALID_INPUT("InvalidInput", 400, true),
    POLICY_NOT_ATTACHABLE("PolicyNotAttachable", 400, true),
    CONCURRENT_MODIFICATION("ConcurrentModification", 409, true),
    POLICY_EVALUATION("PolicyEvaluation", 500, false),
    SERVICE_FAILURE("ServiceFailure", 500, false),
    INVALID_AUTHENTICATION_CODE("InvalidAuthenticationCode", 403, true),
    PASSWORD_POLICY_VIOLATION("PasswordPolicyViolation", 400, true),
    INVALID_USER_TYPE("InvalidUserType", 400, true),
    REPORT_NOT_PRESENT("ReportNotPresent", 410, true),
    REPORT_EXPIRED("ReportExpired", 410, true),
    UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400, true),
    // STS service errors (botocore sts/2011-06-15)
    PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400, true),
    INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400, true),
    /** A web identity token past its {@code exp}: STS's ExpiredTokenException, not SigV4's ExpiredToken. */
    WEB_IDENTITY_TOKEN_EXPIRED("ExpiredTokenException", 400, true),
    // common errors of every AWS query service
    VALIDATION_ERROR("ValidationError", 400, true),
    MISSING_PARAMETER("MissingParameter", 400, true),
    INVALID_ACTION("InvalidAction", 400, true),
    MISSING_ACTION("MissingAction", 400, true),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, true),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403, true),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 403, true),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403, true),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403, true),
    REQUEST_EXPIRED("RequestExpired", 400, true),
    EXPIRED_TOKEN("ExpiredToken", 403, true),
    ACCESS_DENIED("AccessDenied", 403, true),
    THROTTLING("Throttling", 400, true),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, false),
    // CloudTrail errors (botocore cloudtrail/2013-11-01), sent over awsJson1_1 as {"__type": code}
    INVALID_LOOKUP_ATTRIBUTES("InvalidLookupAttributesException", 400, true),
    INVALID_TIME_RANGE("InvalidTimeRangeException", 400, true),
    INVALID_NEXT_TOKEN("InvalidNextTokenException", 400, true),
    INVALID_MAX_RESULTS("InvalidMaxResultsException", 400, true),
    INVALID_EVENT_CATEGORY("InvalidEventCategoryException", 400, true),
    UNKNOWN_OPERATION("UnknownOperationException", 400, true),
    SERIALIZATION("SerializationException", 400, true),
    // the /v1 JSON API's own
    NOT_FOUND("NotFound", 404, true),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405, true);

    private final String awsCode;
    private final int httpStatus;
    private final boolean senderFault;

    ErrorCode(String awsCode, int httpStatus, boolean senderFault) {
        this.awsCode = awsCode;
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
    }

    /** The code as AWS writes it on the wire, e.g. {@code NoSuchEntity}. */
    public String awsCode() {
        return awsCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** {@code Sender} for client faults, {@code Receiver} for server faults, as in {@code <Error><Type>}. */
    public String faultType() {
        return senderFault ? "Sender" : "Receiver";
    }
}
