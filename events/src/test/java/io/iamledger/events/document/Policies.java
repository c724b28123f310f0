package io.iamledger.events.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;

/** Test documents written with single quotes for readability; {@link #json} turns them into JSON. */
final class Policies {
    private Policies() {
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A 2012-10-17 document with one statement object whose members are {@code members}. */
    static String statement(String members) {
        return json("{'Version':'2012-10-17','Statement':{" + members + "}}");
    }

    static PolicyDocument read(String json, PolicyKind kind) {
        return PolicyDocuments.read(json, kind);
    }

    static PolicyDocument identity(String json) {
        return PolicyDocuments.read(json, PolicyKind.IDENTITY);
    }

    /** The message of the MalformedPolicyDocument the document is rejected with. */
    static String rejection(String json, PolicyKind kind) {
        IamException e = assertThrows(IamException.class, () -> PolicyDocuments.read(json, kind));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_POLICY_DOCUMENT);
        return e.getMessage();
    }

    static String identityRejection(String json) {
        return rejection(json, PolicyKind.IDENTITY);
    }
}
