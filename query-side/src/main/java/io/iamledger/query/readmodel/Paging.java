package io.iamledger.query.readmodel;

import io.iamledger.events.error.IamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Markers and in-memory paging. A marker is the sort key of the last item returned, base64url-encoded so that
 * callers treat it as opaque; the next page starts after that key, so items added or removed meanwhile neither
 * repeat nor vanish from the rest of the listing.
 */
final class Paging {
    private static final String VERSION = "1";

    private Paging() {}

    static String marker(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (VERSION + "\n" + String.join("\n", parts)).getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts of a marker, which must have {@code parts} of them. */
    static String[] parse(String marker, int parts) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] split = decoded.split("\n", -1);
        if (split.length != parts + 1 || !split[0].equals(VERSION)) {
            throw invalid();
        }
        String[] key = new String[parts];
        System.arraycopy(split, 1, key, 0, parts);
        return key;
    }

    private static IamException invalid() {
        return IamException.invalidInput("Invalid Marker: it does not come from a previous page of this listing.");
    }

    /**
     * One page of {@code sorted}, which is in increasing order of {@code key} (an encoded marker payload, compared
     * as Java strings do).
     */
    static <T> Page<T> page(List<T> sorted, Function<T, String> key, PageRequest request) {
        Optional<String> after = request.marker().map(marker -> parse(marker, 1)[0]);
        List<T> items = new ArrayList<>();
        for (T item : sorted) {
            if (after.isPresent() && key.apply(item).compareTo(after.get()) <= 0) {
                continue;
            }
            if (items.size() == request.maxItems()) {
                return new Page<>(items, true, Optional.of(marker(key.apply(items.get(items.size() - 1)))));
            }
            items.add(item);
        }
        return new Page<>(items, false, Optional.empty());
    }

    /** Cuts a list fetched with one extra item into a page; {@code key} gives the marker parts of an item. */
    static <T> Page<T> cut(List<T> fetched, int maxItems, Function<T, String[]> key) {
        if (fetched.size() <= maxItems) {
            return new Page<>(fetched, false, Optional.empty());
        }
        List<T> items = fetched.subList(0, maxItems);
        return new Page<>(items, true, Optional.of(marker(key.apply(items.get(maxItems - 1)))));
    }

    /** Lower-cases ASCII only, as PostgreSQL's lower() under the "C" collation, so Java and SQL sort alike. */
    static String fold(String value) {
        StringBuilder folded = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (folded == null) {
                    folded = new StringBuilder(value);
                }
                folded.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return folded == null ? value : folded.toString();
    }

    /** Sort key of a named item: folded name, then a unique tiebreak, joined so that Java compares them in order. */
    static String nameKey(String name, String tiebreak) {
        return fold(name) + "\u0000" + tiebreak;
    }
}
