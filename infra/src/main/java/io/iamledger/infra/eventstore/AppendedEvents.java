package io.iamledger.infra.eventstore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the current thread's commands appended since the last {@link #reset()}: the event identifiers (to look up
 * their global sequence once committed, for read-your-writes) and the aggregates they belong to (to drop from the
 * aggregate cache when the surrounding transaction fails after the command succeeded). Axon's simple command bus
 * handles a command on the caller's thread, so the API thread that dispatched a command can read here what it
 * appended. Not thread-safe by design: each thread sees only its own.
 */
public final class AppendedEvents {
    private static final ThreadLocal<AppendedEvents> CURRENT = ThreadLocal.withInitial(AppendedEvents::new);

    private final List<String> eventIdentifiers = new ArrayList<>();
    private final Set<String> aggregateIdentifiers = new LinkedHashSet<>();
    private boolean changedAuthorization;

    private AppendedEvents() {}

    /** Forgets what this thread appended before; call before dispatching. */
    public static void reset() {
        AppendedEvents current = CURRENT.get();
        current.eventIdentifiers.clear();
        current.aggregateIdentifiers.clear();
        current.changedAuthorization = false;
    }

    static void record(String eventIdentifier, String aggregateIdentifier, boolean changesAuthorization) {
        AppendedEvents current = CURRENT.get();
        current.eventIdentifiers.add(eventIdentifier);
        current.aggregateIdentifiers.add(aggregateIdentifier);
        current.changedAuthorization |= changesAuthorization;
    }

    /** Whether any event appended since the last reset can change authorization (see IamEvent#changesAuthorization). */
    public static boolean changedAuthorization() {
        return CURRENT.get().changedAuthorization;
    }

    /** The identifiers of the events this thread appended since the last reset, in append order (a copy). */
    public static List<String> eventIdentifiers() {
        return List.copyOf(CURRENT.get().eventIdentifiers);
    }

    /** The aggregates this thread appended events for since the last reset (a copy). */
    public static Set<String> aggregateIdentifiers() {
        return Set.copyOf(CURRENT.get().aggregateIdentifiers);
    }
}
