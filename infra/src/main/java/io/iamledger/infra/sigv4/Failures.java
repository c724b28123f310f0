package io.iamledger.infra.sigv4;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;

/**
 * The errors of SigV4 verification, worded as AWS words them. No message here may include a secret, a derived
 * key or a session token.
 */
final class Failures {
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";

    private Failures() {}

    static IamException missingAuthenticationToken() {
        return new IamException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    static IamException incomplete(String message) {
        return new IamException(ErrorCode.INCOMPLETE_SIGNATURE, message);
    }

    static IamException invalidClientTokenId() {
        return new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
                "The security token included in the request is invalid.");
    }

    static IamException expiredToken() {
        return new IamException(ErrorCode.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    static IamException signatureMismatch() {
        return new IamException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH);
    }

    static IamException signatureExpired(String amzDate, long now, long windowSeconds) {
        return new IamException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Signature expired: " + amzDate
                + " is now earlier than " + AmzDate.format(now - windowSeconds) + " (" + AmzDate.format(now) + " - "
                + window(windowSeconds) + ")");
    }

    static IamException signatureNotYetCurrent(String amzDate, long now, long windowSeconds) {
        return new IamException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Signature not yet current: " + amzDate
                + " is still later than " + AmzDate.format(now + windowSeconds) + " (" + AmzDate.format(now) + " + "
                + window(windowSeconds) + ")");
    }

    static IamException scopeDateMismatch(String scopeDate, String amzDate) {
        return new IamException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Date in Credential scope does not match "
                + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + scopeDate + "' != '"
                + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
    }

    private static String window(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min." : seconds + " sec.";
    }
}
