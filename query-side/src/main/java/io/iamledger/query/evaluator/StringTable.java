package io.iamledger.query.evaluator;

import java.util.Map;

/**
 * A read-only map from strings to one or more values, laid out for a lookup that touches as little memory as
 * possible: each key and its values side by side in one array, open addressing, at most two thirds full. Keys are
 * interned when the table is built, and the evaluator interns the keys it looks up with (condition keys and
 * policy variables at compile time, the request's service prefix when the request is built), so a hit is usually
 * decided by reference without reading either string; an equal string that is not the same instance still finds
 * its entry. Why: deciding over thousands of different principals is bounded by cache misses, not instructions,
 * and a {@link java.util.HashMap} costs a table, a node and a key per lookup. Immutable and thread-safe; no null
 * keys. Not final: {@link StatementIndex} is one, so a lookup loads one object fewer.
 */
class StringTable {
    private final Object[] slots;
    private final int width;
    private final int mask;

    /** A table of {@code rows}, each a key and {@code width} values (for a subclass that is such a table). */
    StringTable(Map<String, Object[]> rows, int width) {
        this(build(rows.size(), width, null, rows));
    }

    private StringTable(StringTable built) {
        this.slots = built.slots;
        this.width = built.width;
        this.mask = built.mask;
    }

    private StringTable(Object[] slots, int width, int capacity) {
        this.slots = slots;
        this.width = width;
        this.mask = capacity - 1;
    }

    /** A table whose entries are a key and one value. */
    static StringTable of(Map<String, ?> entries) {
        return build(entries.size(), 1, entries, null);
    }

    private static StringTable build(int size, int width, Map<String, ?> single, Map<String, Object[]> rows) {
        // the smallest power of two at most two thirds full: short probes, and no more memory than that
        int wanted = size + (size + 1) / 2;
        int capacity = wanted <= 1 ? 1 : Integer.highestOneBit(wanted - 1) << 1;
        int stride = width + 1;
        Object[] slots = new Object[capacity * stride];
        int mask = capacity - 1;
        for (String original : single != null ? single.keySet() : rows.keySet()) {
            String key = original.intern();
            int slot = spread(key.hashCode()) & mask;
            while (slots[slot * stride] != null) {
                slot = (slot + 1) & mask;
            }
            slots[slot * stride] = key;
            if (single != null) {
                slots[slot * stride + 1] = single.get(original);
            } else {
                System.arraycopy(rows.get(original), 0, slots, slot * stride + 1, width);
            }
        }
        return new StringTable(slots, width, capacity);
    }

    /** The value of {@code key} (whose {@link String#hashCode()} is {@code hash}) in a one-value table, or null. */
    final Object get(String key, int hash) {
        int at = find(key, hash);
        return at < 0 ? null : slots[at + 1];
    }

    /** Value {@code i} (from 0) of the entry {@link #find} returned. */
    final Object value(int entry, int i) {
        return slots[entry + 1 + i];
    }

    /** Where {@code key}'s entry starts, for {@link #value}, or -1 when it has none. */
    final int find(String key) {
        return find(key, key.hashCode());
    }

    /** As {@link #find(String)}, given the key's {@link String#hashCode()} (callers keep it to not load the key). */
    final int find(String key, int hash) {
        int stride = width + 1;
        Object[] table = slots;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int at = slot * stride;
            Object stored = table[at];
            if (stored == key) {
                return at;
            }
            if (stored == null) {
                return -1;
            }
            String other = (String) stored;
            if (other.hashCode() == hash && other.equals(key)) {
                return at;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ hash >>> 16;
    }
}
