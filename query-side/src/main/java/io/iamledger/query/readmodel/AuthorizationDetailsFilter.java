package io.iamledger.query.readmodel;

import io.iamledger.events.error.IamException;

/** {@code GetAccountAuthorizationDetails}' {@code Filter} values, in the order the sections are listed. */
public enum AuthorizationDetailsFilter {
    USER("User"), GROUP("Group"), ROLE("Role"), LOCAL_MANAGED_POLICY("LocalManagedPolicy"),
    AWS_MANAGED_POLICY("AWSManagedPolicy");

    private final String wireName;

    AuthorizationDetailsFilter(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IamException ValidationError for an unknown value */
    public static AuthorizationDetailsFilter fromWire(String value) {
        for (AuthorizationDetailsFilter filter : values()) {
            if (filter.wireName.equals(value)) {
                return filter;
            }
        }
        throw IamException.validation("1 validation error detected: Value '" + value + "' at 'filter' failed to"
                + " satisfy constraint: Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy,"
                + " AWSManagedPolicy]");
    }
}
