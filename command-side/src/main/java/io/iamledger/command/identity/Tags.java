package io.iamledger.command.identity;

import io.iamledger.command.validation.IamNames;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tag rules for users and roles. An identity holds its tags in a map from the lower-cased key (keys compare
 * case-insensitively) to the tag as last written. Stateless.
 */
public final class Tags {
    private static final String RESERVED_PREFIX = "aws:";

    private Tags() {
    }

    /**
     * Checks tags about to be added to an identity that holds {@code current}.
     *
     * @param kind the identity's kind, a user or a role, which names the quota in the LimitExceeded message
     * @throws IamException ValidationError for a bad key or value or more than 50 tags in the request; InvalidInput
     *                      for a duplicate key or a key starting with {@code aws:}; LimitExceeded {@code Cannot
     *                      exceed quota for TagsPerUser: 50} (or Role) when the identity would hold more than 50 tags
     */
    public static void checkAdd(Map<String, Tag> current, List<Tag> tags, IdentityKind kind) {
        IamNames.check().tags("tags", tags).orThrow();
        Set<String> keys = new HashSet<>();
        int added = 0;
        for (Tag tag : tags) {
            checkNotReserved(tag.key());
            String key = key(tag.key());
            if (!keys.add(key)) {
                throw IamException.invalidInput(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            if (!current.containsKey(key)) {
                added++;
            }
        }
        if (current.size() + added > IamNames.MAX_TAGS) {
            throw IamException.limitExceeded("Cannot exceed quota for " + quota(kind) + ": " + IamNames.MAX_TAGS);
        }
    }

    /**
     * Checks the keys of an untag request.
     *
     * @throws IamException ValidationError for a bad key or more than 50 keys; InvalidInput for an {@code aws:} key
     */
    public static void checkRemove(List<String> keys) {
        IamNames.check().tagKeys("tagKeys", keys).orThrow();
        keys.forEach(Tags::checkNotReserved);
    }

    /** The requested keys that the identity holds, in request order, each once. */
    public static List<String> held(Map<String, Tag> current, List<String> keys) {
        Set<String> seen = new HashSet<>();
        List<String> held = new ArrayList<>();
        for (String key : keys) {
            if (current.containsKey(key(key)) && seen.add(key(key))) {
                held.add(key);
            }
        }
        return held;
    }

    /** Adds tags, replacing those with the same key. */
    public static void put(Map<String, Tag> current, List<Tag> tags) {
        for (Tag tag : tags) {
            current.put(key(tag.key()), tag);
        }
    }

    /** Removes tags by key, case-insensitively. */
    public static void remove(Map<String, Tag> current, List<String> keys) {
        for (String key : keys) {
            current.remove(key(key));
        }
    }

    /** The map key a tag key is held under. */
    public static String key(String tagKey) {
        return tagKey.toLowerCase(Locale.ROOT);
    }

    private static String quota(IdentityKind kind) {
        return switch (kind) {
            case USER -> "TagsPerUser";
            case ROLE -> "TagsPerRole";
            case GROUP, ROOT -> throw new IllegalArgumentException("only users and roles have tags");
        };
    }

    private static void checkNotReserved(String key) {
        if (key.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
            throw IamException.invalidInput("Tag key '" + key + "' is not allowed: keys beginning with '"
                    + RESERVED_PREFIX + "' are reserved for AWS use.");
        }
    }
}
