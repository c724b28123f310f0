package io.iamledger.command;

/**
 * A command addressed to an entity that must already exist (every command but the creating ones). The caller
 * addressed the entity by name; the edge resolved the name to the aggregate id through the registry.
 */
public interface EntityCommand {

    /** AWS's NoSuchEntity message naming the entity as the caller addressed it. */
    String noSuchEntityMessage();
}
