package io.iamledger.query.readmodel;

/**
 * The read model could not be read (the database failed). Not an AWS error: the wire layer answers it with
 * {@code ServiceFailure} and never shows this message. The cause is the {@link java.sql.SQLException}.
 */
public class ReadModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReadModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
