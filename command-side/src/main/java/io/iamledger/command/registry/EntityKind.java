package io.iamledger.command.registry;

/** The named entities of an account whose names are unique case-insensitively (per kind). */
public enum EntityKind {
    USER, GROUP, ROLE, POLICY,
    /** A virtual MFA device, named by its serial number (its ARN, so path and name together). */
    MFA_DEVICE,
    INSTANCE_PROFILE,
    /** An OpenID Connect provider, named by its ARN. */
    OIDC_PROVIDER;

    /** AWS's EntityAlreadyExists message for a second entity of this kind named {@code name}. */
    public String alreadyExistsMessage(String name) {
        return switch (this) {
            case USER -> "User with name " + name + " already exists.";
            case GROUP -> "Group with name " + name + " already exists.";
            case ROLE -> "Role with name " + name + " already exists.";
            case POLICY -> "A policy called " + name.substring(name.lastIndexOf('/') + 1)
                    + " already exists. Duplicate names are not allowed.";
            case MFA_DEVICE -> "MFADevice entity at the same path and name already exists.";
            case INSTANCE_PROFILE -> "Instance Profile " + name + " already exists.";
            case OIDC_PROVIDER -> "Provider with url https://" + name.substring(name.indexOf("oidc-provider/")
                    + "oidc-provider/".length()) + " already exists.";
        };
    }
}
