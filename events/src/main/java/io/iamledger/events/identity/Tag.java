package io.iamledger.events.identity;

import java.util.Objects;

/** An IAM tag: key 1–128 characters, value 0–256. Keys compare case-insensitively within one identity. */
public record Tag(String key, String value) {
    public Tag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
