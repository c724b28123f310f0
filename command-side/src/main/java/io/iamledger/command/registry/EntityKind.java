package io.iamledger.command.registry;

/** The named entities of an account whose names are unique case-insensitively (per kind). */
public enum EntityKind {
    USER, GROUP, ROLE, POLICY
}
