package io.iamledger.events.document;

import java.util.Optional;

/** The kinds of principal a {@code Principal} or {@code NotPrincipal} element can name. */
public enum PrincipalType {
    /** Accounts, IAM users and roles, assumed-role and federated-user sessions, or {@code *}. */
    AWS("AWS"),
    /** AWS service principals such as {@code ec2.amazonaws.com}. */
    SERVICE("Service"),
    /** SAML or OIDC identity providers and web identity providers such as {@code accounts.google.com}. */
    FEDERATED("Federated"),
    /** Amazon S3 canonical user ids. */
    CANONICAL_USER("CanonicalUser");

    private final String text;

    PrincipalType(String text) {
        this.text = text;
    }

    /** The type as written in a document, e.g. {@code CanonicalUser}. */
    public String text() {
        return text;
    }

    /** The type written exactly (case-sensitively) as {@code text}, or empty. */
    public static Optional<PrincipalType> fromText(String text) {
        for (PrincipalType type : values()) {
            if (type.text.equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
