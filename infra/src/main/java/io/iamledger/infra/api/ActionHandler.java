package io.iamledger.infra.api;

/** Handles one AWS action and returns the XML body of its successful response; failures are IamExceptions. */
@FunctionalInterface
public interface ActionHandler {
    String handle(ApiCall call);
}
