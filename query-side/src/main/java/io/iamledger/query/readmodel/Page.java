package io.iamledger.query.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing, as AWS pages them. Immutable.
 *
 * @param items       at most the requested number of items
 * @param isTruncated whether more items follow
 * @param marker      present exactly when truncated: pass it back as {@code Marker} to get the next page
 */
public record Page<T>(List<T> items, boolean isTruncated, Optional<String> marker) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(marker, "marker");
        if (isTruncated != marker.isPresent()) {
            throw new IllegalArgumentException("a marker is present exactly when the page is truncated");
        }
    }

    /** The same page with each item transformed. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            mapped.add(mapper.apply(item));
        }
        return new Page<>(mapped, isTruncated, marker);
    }

    /** Every item of a listing, following its markers from the first page of the largest size. */
    public static <T> List<T> all(Function<PageRequest, Page<T>> listing) {
        List<T> items = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_MAX_ITEMS);
        while (true) {
            Page<T> page = listing.apply(request);
            items.addAll(page.items());
            Optional<PageRequest> next = request.next(page);
            if (next.isEmpty()) {
                return items;
            }
            request = next.get();
        }
    }
}
