package io.iamledger.query.readmodel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * What decided one user's or role's permissions over a window of event time, read at once: the facts at any
 * instant of the window and the instants at which they may change, so that a question asked at every change of a
 * year of history needs no further read. Immutable and thread-safe.
 */
public final class PermissionHistory {

    /**
     * An instant of the window at which some row behind the facts started or stopped holding, and the global
     * sequence of the last event that did so at that instant.
     */
    public record Change(Instant time, long sequence) {}

    private final Instant from;
    private final Instant to;
    private final List<PermissionsReadModel.Row> rows;

    PermissionHistory(Instant from, Instant to, List<PermissionsReadModel.Row> rows) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.rows = List.copyOf(rows);
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /**
     * The facts as they stood at {@code instant}, as {@link PermissionsReadModel#asOf} would read them.
     *
     * @throws IllegalArgumentException when {@code instant} is outside the window
     */
    public PermissionFacts at(Instant instant) {
        Instant at = instant.truncatedTo(ChronoUnit.MICROS);
        if (at.isBefore(from) || at.isAfter(to)) {
            throw new IllegalArgumentException(instant + " is outside the window [" + from + ", " + to + "]");
        }
        List<PermissionsReadModel.Row> holding = new ArrayList<>();
        for (PermissionsReadModel.Row row : rows) {
            if (row.holdsAt(at)) {
                holding.add(row);
            }
        }
        return PermissionsReadModel.assemble(holding);
    }

    /**
     * Every instant in (from, to] at which the facts may differ from those just before it, in time order; between
     * two consecutive changes (and from the window's start to the first) every answer is the same.
     */
    public List<Change> changes() {
        TreeMap<Instant, Long> last = new TreeMap<>();
        for (PermissionsReadModel.Row row : rows) {
            note(last, row.from(), row.fromSequence());
            if (row.to() != null) {
                note(last, row.to(), row.toSequence());
            }
        }
        List<Change> changes = new ArrayList<>(last.size());
        last.forEach((time, sequence) -> changes.add(new Change(time, sequence)));
        return changes;
    }

    /**
     * The facts at each of {@link #changes()}, in time order, as {@link #at} gives them, in one pass over the
     * rows (a year of a principal's history may hold tens of thousands of changes).
     */
    public void forEachChange(BiConsumer<Change, PermissionFacts> atChange) {
        List<PermissionsReadModel.Row> byStart = new ArrayList<>(rows);
        byStart.sort(Comparator.comparing(PermissionsReadModel.Row::from));
        List<PermissionsReadModel.Row> byEnd = new ArrayList<>();
        for (PermissionsReadModel.Row row : rows) {
            if (row.to() != null) {
                byEnd.add(row);
            }
        }
        byEnd.sort(Comparator.comparing(PermissionsReadModel.Row::to));
        Set<PermissionsReadModel.Row> holding = Collections.newSetFromMap(new IdentityHashMap<>());
        int started = 0;
        int ended = 0;
        for (Change change : changes()) {
            Instant at = change.time();
            while (started < byStart.size() && !byStart.get(started).from().isAfter(at)) {
                holding.add(byStart.get(started++));
            }
            while (ended < byEnd.size() && !byEnd.get(ended).to().isAfter(at)) {
                holding.remove(byEnd.get(ended++));
            }
            atChange.accept(change, PermissionsReadModel.assemble(new ArrayList<>(holding)));
        }
    }

    private void note(TreeMap<Instant, Long> last, Instant time, long sequence) {
        if (time.isAfter(from) && !time.isAfter(to)) {
            last.merge(time, sequence, Math::max);
        }
    }
}
