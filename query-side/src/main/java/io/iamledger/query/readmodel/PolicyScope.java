package io.iamledger.query.readmodel;

import io.iamledger.events.error.IamException;

/** {@code ListPolicies}' {@code Scope}: customer managed ({@code Local}), AWS managed, or both. */
public enum PolicyScope {
    ALL("All"), AWS("AWS"), LOCAL("Local");

    private final String wireName;

    PolicyScope(String wireName) {
        this.wireName = wireName;
    }

    /** As written on the wire. */
    public String wireName() {
        return wireName;
    }

    /** @throws IamException ValidationError for anything but {@code All}, {@code AWS} or {@code Local} */
    public static PolicyScope fromWire(String value) {
        for (PolicyScope scope : values()) {
            if (scope.wireName.equals(value)) {
                return scope;
            }
        }
        throw IamException.validation("1 validation error detected: Value '" + value
                + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
    }
}
