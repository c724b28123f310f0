package io.iamledger.query.projection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The row changes of one batch, collected in memory in event order and written afterwards with one statement
 * per table and kind of change. Not thread-safe; one per {@link Projector#apply} call.
 *
 * <p>Rows opened in this batch are closed in memory (they are inserted already closed). Rows that existed before
 * the batch are closed with an UPDATE per table and key. Those UPDATEs run before the INSERTs, so they can only
 * hit rows from before the batch, and they keep the earliest close ({@code valid_to_seq > ?} guard): that makes
 * them independent of the order in which different keys' closes run, which is what lets them be batched.
 */
final class ChangeSet {

    /** One row version opened in this batch; {@code toSeq < 0} while still open. */
    static final class Row {
        final Object[] values;
        final long fromSeq;
        final long fromMicros;
        long toSeq = -1;
        long toMicros;

        Row(Object[] values, long fromSeq, long fromMicros) {
            this.values = values;
            this.fromSeq = fromSeq;
            this.fromMicros = fromMicros;
        }

        boolean open() {
            return toSeq < 0;
        }
    }

    /** A close of pre-batch rows: key values, and the sequence and time of the closing event. */
    record Close(String[] keyValues, long seq, long micros) {}

    static final class TableChanges {
        final Table table;
        final List<Row> inserts = new ArrayList<>();
        /** Identity key → the open row inserted in this batch. */
        final Map<String, Row> pendingOpen = new HashMap<>();
        /** Identity key → values of a current row read before the batch and not closed since. */
        final Map<String, Object[]> loaded = new HashMap<>();
        /** Per key ordinal, key value → the first close (the earliest, since events arrive in order). */
        final List<LinkedHashMap<String, Close>> dbCloses = new ArrayList<>();

        TableChanges(Table table) {
            this.table = table;
            for (int i = 0; i < table.keys.size(); i++) {
                dbCloses.add(new LinkedHashMap<>());
            }
        }
    }

    private final EnumMap<Table, TableChanges> tables = new EnumMap<>(Table.class);

    TableChanges changes(Table table) {
        return tables.computeIfAbsent(table, TableChanges::new);
    }

    Iterable<TableChanges> all() {
        return tables.values();
    }

    /** Records a current row read from the database before the batch (for copy-forward of unchanged fields). */
    void loaded(Table table, Object[] values) {
        TableChanges changes = changes(table);
        changes.loaded.put(keyOf(table.identity(), values), values);
    }

    /** Opens a new row version. The caller has closed the previous version of the same identity, if any. */
    void open(Table table, long seq, long micros, Object... values) {
        if (values.length != table.columns.size()) {
            throw new IllegalArgumentException(table + " has " + table.columns.size() + " columns, got " + values.length);
        }
        TableChanges changes = changes(table);
        Row row = new Row(values, seq, micros);
        changes.inserts.add(row);
        changes.pendingOpen.put(keyOf(table.identity(), values), row);
    }

    /** Closes the current version of one entity (identity key), wherever it lives. */
    void close(Table table, long seq, long micros, String... identityKey) {
        closeBy(table.identity(), table, seq, micros, identityKey);
    }

    /** Closes every current row whose columns of key {@code keyOrdinal} have these values. */
    void closeAll(Table table, int keyOrdinal, long seq, long micros, String... keyValues) {
        closeBy(table.keys.get(keyOrdinal), table, seq, micros, keyValues);
    }

    /** The current values of an entity as of the events processed so far in this batch. */
    Optional<Object[]> current(Table table, String... identityKey) {
        TableChanges changes = changes(table);
        String key = join(normalise(table.identity(), identityKey));
        Row row = changes.pendingOpen.get(key);
        if (row != null) {
            return Optional.of(row.values);
        }
        return Optional.ofNullable(changes.loaded.get(key));
    }

    private void closeBy(Table.Key key, Table table, long seq, long micros, String[] rawValues) {
        TableChanges changes = changes(table);
        String[] values = normalise(key, rawValues);
        String joined = join(values);
        if (key.ordinal() == 0) {
            Row row = changes.pendingOpen.remove(joined);
            changes.loaded.remove(joined);
            if (row != null) {
                // The only open row for this identity was opened in this batch: no pre-batch row is open.
                closeRow(row, seq, micros);
                return;
            }
        } else {
            for (Iterator<Row> it = changes.pendingOpen.values().iterator(); it.hasNext(); ) {
                Row row = it.next();
                if (matches(key, row.values, values)) {
                    closeRow(row, seq, micros);
                    it.remove();
                }
            }
            changes.loaded.values().removeIf(loadedValues -> matches(key, loadedValues, values));
        }
        changes.dbCloses.get(key.ordinal()).putIfAbsent(joined, new Close(values, seq, micros));
    }

    private static void closeRow(Row row, long seq, long micros) {
        row.toSeq = seq;
        row.toMicros = micros;
    }

    private static boolean matches(Table.Key key, Object[] rowValues, String[] keyValues) {
        List<Table.KeyPart> parts = key.parts();
        for (int i = 0; i < parts.size(); i++) {
            Table.KeyPart part = parts.get(i);
            String value = (String) rowValues[part.column()];
            if (!(part.folded() ? Table.fold(value) : value).equals(keyValues[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] normalise(Table.Key key, String[] values) {
        if (values.length != key.parts().size()) {
            throw new IllegalArgumentException("key has " + key.parts().size() + " parts, got " + values.length);
        }
        String[] normalised = values.clone();
        for (int i = 0; i < normalised.length; i++) {
            if (key.parts().get(i).folded()) {
                normalised[i] = Table.fold(normalised[i]);
            }
        }
        return normalised;
    }

    static String keyOf(Table.Key key, Object[] rowValues) {
        List<Table.KeyPart> parts = key.parts();
        String[] values = new String[parts.size()];
        for (int i = 0; i < values.length; i++) {
            Table.KeyPart part = parts.get(i);
            String value = (String) rowValues[part.column()];
            values[i] = part.folded() ? Table.fold(value) : value;
        }
        return join(values);
    }

    // Key values never contain NUL (they are ids, names, ARNs), so it separates parts unambiguously.
    private static String join(String[] values) {
        return values.length == 1 ? values[0] : String.join("\0", values);
    }
}
