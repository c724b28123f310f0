package io.iamledger.query.evaluator;

/**
 * The role a policy plays in one evaluation. The same compiled managed policy can be an identity-based policy for
 * one principal and a permissions boundary for another; the role comes from where the request places it.
 */
public enum PolicyType {
    /** Inline and attached policies of a user (and of its groups) or of a role. */
    IDENTITY_BASED("identity-based policy", "an identity-based policy"),
    /** The policy attached to the resource, including a role's trust policy. */
    RESOURCE_BASED("resource-based policy", "a resource-based policy"),
    /** The managed policy set as the user's or role's permissions boundary. */
    PERMISSIONS_BOUNDARY("permissions boundary", "a permissions boundary"),
    /** The inline and managed policies passed when the session was created. */
    SESSION("session policy", "a session policy");

    private final String text;
    private final String withArticle;

    PolicyType(String text, String withArticle) {
        this.text = text;
        this.withArticle = withArticle;
    }

    /** The type as AWS names it in AccessDenied messages, e.g. {@code permissions boundary}. */
    public String text() {
        return text;
    }

    /** The name with its indefinite article, e.g. {@code an identity-based policy}. */
    public String withArticle() {
        return withArticle;
    }
}
