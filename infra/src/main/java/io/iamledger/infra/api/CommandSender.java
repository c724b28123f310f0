package io.iamledger.infra.api;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.eventstore.AppendedPositions;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends commands on the caller's thread and remembers what they appended, so reads can wait for them. Domain
 * failures come back as the {@link IamException} the handler threw; Axon's own failures are translated to AWS
 * codes. Thread-safe.
 */
public final class CommandSender {
    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final WriteTracker writes;

    CommandSender(CommandGateway gateway, TransactionTemplate transactions, WriteTracker writes) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.writes = writes;
    }

    /**
     * Sends one command in its own transaction; returns the handler's result (often none). The command bus's unit
     * of work owns that transaction, so it commits right after the events are appended: the append lock (see
     * OrderedJdbcEventStorageEngine) is held for two round trips, not for the rest of the call.
     */
    public <R> R send(String accountId, Object command) {
        AppendedPositions.reset();
        try {
            R result = dispatch(command);
            // committed when dispatch returns; a failed commit threw instead
            AppendedPositions.lastAppended().ifPresent(position -> writes.written(accountId, position));
            return result;
        } finally {
            AppendedPositions.reset();
        }
    }

    /**
     * Runs {@code work} (which sends commands with {@link #dispatch} and may write other tables, e.g. the
     * credential vault) in one transaction; what the commands appended becomes visible to reads afterwards. The
     * append lock is held from the first append to the end of {@code work}: keep it short.
     */
    public <T> T inTransaction(String accountId, Supplier<T> work) {
        AppendedPositions.reset();
        try {
            T result = transactions.execute(status -> work.get());
            // Only a committed append is worth waiting for; a rolled-back one never appears in the read model.
            OptionalLong appended = AppendedPositions.lastAppended();
            appended.ifPresent(position -> writes.written(accountId, position));
            return result;
        } finally {
            AppendedPositions.reset();
        }
    }

    /** Sends a command within the current transaction (see {@link #inTransaction}); returns the handler's result. */
    public <R> R dispatch(Object command) {
        try {
            return gateway.sendAndWait(command);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IamException iam) {
                return iam;
            }
            if (cause instanceof ConcurrencyException) {
                return new IamException(ErrorCode.CONCURRENT_MODIFICATION,
                        "The request was rejected because it attempted to modify an entity that was modified "
                                + "by a concurrent request. Retry the request.");
            }
            if (cause instanceof AggregateNotFoundException) {
                return IamException.noSuchEntity("The entity cannot be found.");
            }
            if (cause instanceof CommandExecutionException execution && execution.getDetails().isPresent()
                    && execution.getDetails().get() instanceof IamException iam) {
                return iam;
            }
        }
        return failure;
    }
}
