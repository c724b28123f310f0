package io.iamledger.events.document;

/** Which grammar a policy document is read with; the same JSON can be valid as one kind and not as another. */
public enum PolicyKind {
    /**
     * Managed, inline, permissions-boundary and session policies: Principal and NotPrincipal are forbidden,
     * Action and Resource are required, Sids are alphanumeric.
     */
    IDENTITY,
    /**
     * A role's trust (assume-role) policy: Principal is required, Resource and NotResource are prohibited,
     * actions must be STS actions that assume a role or pass data into the session, Sids are alphanumeric.
     */
    TRUST,
    /** A generic resource-based policy: Principal is required, Resource is optional, Sids are free text. */
    RESOURCE
}
