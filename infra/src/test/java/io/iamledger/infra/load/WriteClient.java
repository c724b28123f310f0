package io.iamledger.infra.load;

/**
 * The two calls of the write benchmark, as one client connection makes them. A call that does not succeed throws
 * {@link CallFailed} with the AWS error code (or the client-side failure) it ended with.
 */
interface WriteClient extends AutoCloseable {

    void createUser(String userName);

    void attachUserPolicy(String userName, String policyArn);

    @Override
    void close();

    /** A call that failed; {@code code} is how the report groups it. */
    final class CallFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        CallFailed(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }
}
