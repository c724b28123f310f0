package io.iamledger.query.readmodel;

import io.iamledger.events.error.IamException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page to list: AWS's {@code Marker} and {@code MaxItems} parameters. Immutable.
 *
 * @param marker   from the previous page's {@link Page#marker()}; empty for the first page
 * @param maxItems 1–1000
 */
public record PageRequest(Optional<String> marker, int maxItems) {

    /** AWS's default {@code MaxItems}. */
    public static final int DEFAULT_MAX_ITEMS = 100;
    public static final int MAX_MAX_ITEMS = 1000;

    /** @throws IamException ValidationError when {@code maxItems} is outside 1–1000 */
    public PageRequest {
        Objects.requireNonNull(marker, "marker");
        if (maxItems < 1 || maxItems > MAX_MAX_ITEMS) {
            throw IamException.validation("1 validation error detected: Value '" + maxItems
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                    + (maxItems < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }
    }

    /** The first page of up to 100 items. */
    public static PageRequest first() {
        return new PageRequest(Optional.empty(), DEFAULT_MAX_ITEMS);
    }

    /** The first page of up to {@code maxItems} items. */
    public static PageRequest first(int maxItems) {
        return new PageRequest(Optional.empty(), maxItems);
    }

    /**
     * From the request parameters as they arrive: either may be absent ({@code null}); MaxItems defaults to 100.
     *
     * @throws IamException ValidationError when {@code maxItems} is outside 1–1000
     */
    public static PageRequest of(String marker, Integer maxItems) {
        return new PageRequest(Optional.ofNullable(marker), maxItems == null ? DEFAULT_MAX_ITEMS : maxItems);
    }

    /** The page after {@code page} with the same size, or empty when it was the last. */
    public Optional<PageRequest> next(Page<?> page) {
        return page.marker().map(next -> new PageRequest(Optional.of(next), maxItems));
    }
}
