package io.iamledger.command.testing;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches the domain errors aggregates throw, by AWS code and exact message, for {@code expectException}. */
public final class IamErrors {

    private IamErrors() {
    }

    public static Matcher<IamException> iamError(ErrorCode code, String message) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(IamException exception) {
                return exception.code() == code && exception.getMessage().equals(message);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(code.awsCode() + ": " + message);
            }

            @Override
            protected void describeMismatchSafely(IamException exception, Description description) {
                description.appendText("was " + exception.code().awsCode() + ": " + exception.getMessage());
            }
        };
    }

    public static Matcher<IamException> noSuchEntity(String message) {
        return iamError(ErrorCode.NO_SUCH_ENTITY, message);
    }

    public static Matcher<IamException> deleteConflict(String message) {
        return iamError(ErrorCode.DELETE_CONFLICT, message);
    }

    public static Matcher<IamException> limitExceeded(String message) {
        return iamError(ErrorCode.LIMIT_EXCEEDED, message);
    }

    public static Matcher<IamException> validationError(String message) {
        return iamError(ErrorCode.VALIDATION_ERROR, message);
    }

    public static Matcher<IamException> invalidInput(String message) {
        return iamError(ErrorCode.INVALID_INPUT, message);
    }

    public static Matcher<IamException> alreadyExists(String message) {
        return iamError(ErrorCode.ENTITY_ALREADY_EXISTS, message);
    }
}
