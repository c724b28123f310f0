package io.iamledger.events.identity;

/** The kinds of IAM identity that can hold policies, keys or tags. */
public enum IdentityKind {
    ROOT, USER, GROUP, ROLE
}
