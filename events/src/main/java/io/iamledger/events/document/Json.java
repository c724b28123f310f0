package io.iamledger.events.document;

import java.util.List;
import java.util.Map;

/** The reader's private tree of a JSON document: only what the policy grammar needs, with statement positions. */
sealed interface Json {
    /** An object; members keep document order and keys are unique. */
    record Obj(Map<String, Json> members, SourcePosition start, SourcePosition end) implements Json {
    }

    record Arr(List<Json> items) implements Json {
    }

    record Str(String value) implements Json {
    }

    /** A number as written, never converted (AWS keeps numeric condition values as text). */
    record Num(String text) implements Json {
    }

    record Bool(boolean value) implements Json {
    }

    record Null() implements Json {
    }
}
