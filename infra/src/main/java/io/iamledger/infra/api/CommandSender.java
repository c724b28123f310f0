package io.iamledger.infra.api;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.eventstore.AppendedEvents;
import io.iamledger.infra.eventstore.EventPositions;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends commands on the caller's thread and remembers what they appended, so reads can wait for them. Domain
 * failures come back as the {@link IamException} the handler threw; Axon's own failures, and a commit refused
 * because another writer appended to the same aggregate first, are translated to AWS codes.
 *
 * <p>At most {@code maxConcurrentWrites} writes execute at once; further callers wait their turn. Why: on a
 * saturated machine every extra runnable request thread takes CPU from the relay and the projection, which run
 * one thread each, so the read model falls behind while throughput does not rise (measured on 2 cores: 16
 * concurrent writers gave about the same writes/s as 6, with twice the projection lag). Thread-safe.
 */
public final class CommandSender {
    private static final String UNIQUE_VIOLATION = "23505";
    /** Set while {@link #call} runs on this thread: the commands it sends join its transaction and its permit. */
    private static final ThreadLocal<Boolean> IN_CALL = ThreadLocal.withInitial(() -> false);

    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final WriteTracker writes;
    private final EventPositions positions;
    private final Cache aggregateCache;
    private final Semaphore writers;

    CommandSender(CommandGateway gateway, TransactionTemplate transactions, WriteTracker writes,
                  EventPositions positions, Cache aggregateCache, int maxConcurrentWrites) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.writes = writes;
        this.positions = positions;
        this.aggregateCache = aggregateCache;
        this.writers = new Semaphore(maxConcurrentWrites);
    }

    /**
     * Sends one command in its own transaction; returns the handler's result (often none). The command bus's unit
     * of work owns that transaction and commits it before this returns (evicting the aggregate from the cache if
     * the commit fails).
     */
    public <R> R send(String accountId, Object command) {
        if (IN_CALL.get()) {
            return dispatch(command);
        }
        writers.acquireUninterruptibly();
        AppendedEvents.reset();
        try {
            R result = dispatch(command);
            // committed when dispatch returns; a failed commit threw instead
            rememberWritten(accountId);
            return result;
        } finally {
            AppendedEvents.reset();
            writers.release();
        }
    }

    /**
     * Runs {@code work} (which sends commands with {@link #dispatch} and may write other tables, e.g. the
     * credential vault) in one transaction; what the commands appended becomes visible to reads afterwards.
     */
    public <T> T inTransaction(String accountId, Supplier<T> work) {
        if (IN_CALL.get()) {
            return work.get();
        }
        writers.acquireUninterruptibly();
        AppendedEvents.reset();
        try {
            T result;
            try {
                result = transactions.execute(status -> work.get());
            } catch (RuntimeException e) {
                // The commands' units of work finished inside this transaction and cached their aggregates' new
                // state; when the transaction as a whole fails (at its commit too), that state never existed.
                AppendedEvents.aggregateIdentifiers().forEach(aggregateCache::remove);
                throw translate(e);
            }
            rememberWritten(accountId);
            return result;
        } finally {
            AppendedEvents.reset();
            writers.release();
        }
    }

    /**
     * Runs one write call in one transaction: {@code work} (the action's handler, whose {@link #send} and
     * {@link #inTransaction} calls join this transaction), then {@code beforeCommit} with the handler's result and
     * the identifiers of the events the call appended, in the same transaction. So the call's audit record commits
     * with its events or not at all. A failure anywhere rolls everything back and is rethrown as an AWS error.
     */
    public <T> T call(String accountId, Supplier<T> work, BiConsumer<T, List<String>> beforeCommit) {
        return call(result -> accountId, work, beforeCommit);
    }

    /**
     * {@link #call(String, Supplier, BiConsumer)} for a call whose events belong to an account known only from its
     * result: CreateAccount appends the new account's events, and a read of that account is what waits for them.
     */
    <T> T call(Function<T, String> writtenAccount, Supplier<T> work, BiConsumer<T, List<String>> beforeCommit) {
        writers.acquireUninterruptibly();
        AppendedEvents.reset();
        IN_CALL.set(true);
        try {
            T result;
            try {
                result = transactions.execute(status -> {
                    T handled = work.get();
                    beforeCommit.accept(handled, AppendedEvents.eventIdentifiers());
                    return handled;
                });
            } catch (RuntimeException e) {
                AppendedEvents.aggregateIdentifiers().forEach(aggregateCache::remove);
                throw translate(e);
            }
            rememberWritten(writtenAccount.apply(result));
            return result;
        } finally {
            IN_CALL.set(false);
            AppendedEvents.reset();
            writers.release();
        }
    }

    /** Only a committed append is worth waiting for; a rolled-back one never appears in the read model. */
    private void rememberWritten(String accountId) {
        List<String> appended = AppendedEvents.eventIdentifiers();
        if (!appended.isEmpty()) {
            boolean changesAuthorization = AppendedEvents.changedAuthorization();
            positions.last(appended).ifPresent(position -> writes.written(accountId, position, changesAuthorization));
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
            if (cause instanceof ConcurrencyException || isConcurrentAppend(cause)) {
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

    /** The event table's unique (aggregate, sequence) key refused a commit: another writer appended first. */
    private static boolean isConcurrentAppend(Throwable cause) {
        return cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                && String.valueOf(sql.getMessage()).contains("domain_event_entry");
    }
}
