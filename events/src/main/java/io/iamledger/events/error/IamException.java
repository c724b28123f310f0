package io.iamledger.events.error;

/**
 * A domain failure that maps onto an AWS error response. The message is the AWS-style message shown to the
 * caller, so it must never contain a secret. Thrown by validation, aggregates and queries; rendered only by infra.
 */
public class IamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public IamException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static IamException noSuchEntity(String message) {
        return new IamException(ErrorCode.NO_SUCH_ENTITY, message);
    }

    public static IamException alreadyExists(String message) {
        return new IamException(ErrorCode.ENTITY_ALREADY_EXISTS, message);
    }

    public static IamException deleteConflict(String message) {
        return new IamException(ErrorCode.DELETE_CONFLICT, message);
    }

    public static IamException limitExceeded(String message) {
        return new IamException(ErrorCode.LIMIT_EXCEEDED, message);
    }

    public static IamException malformedPolicy(String message) {
        return new IamException(ErrorCode.MALFORMED_POLICY_DOCUMENT, message);
    }

    public static IamException validation(String message) {
        return new IamException(ErrorCode.VALIDATION_ERROR, message);
    }

    public static IamException invalidInput(String message) {
        return new IamException(ErrorCode.INVALID_INPUT, message);
    }
}
