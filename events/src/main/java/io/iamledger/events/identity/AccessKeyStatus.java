package io.iamledger.events.identity;

/** The status of an access key, named as on the AWS wire. */
public enum AccessKeyStatus {
    Active, Inactive;

    /** Parses the wire value exactly as AWS does (case-sensitive). */
    public static java.util.Optional<AccessKeyStatus> fromWire(String value) {
        for (AccessKeyStatus status : values()) {
            if (status.name().equals(value)) {
                return java.util.Optional.of(status);
            }
        }
        return java.util.Optional.empty();
    }
}
