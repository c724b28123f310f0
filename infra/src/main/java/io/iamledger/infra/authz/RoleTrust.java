package io.iamledger.infra.authz;

import java.util.Objects;

/**
 * What AssumeRole needs to know of a role beyond its permissions: its trust policy, as JSON text, and how long its
 * sessions may last.
 *
 * @param maxSessionDuration seconds, 3600–43200
 */
record RoleTrust(String trustPolicyDocument, int maxSessionDuration) {
    RoleTrust {
        Objects.requireNonNull(trustPolicyDocument, "trustPolicyDocument");
    }
}
