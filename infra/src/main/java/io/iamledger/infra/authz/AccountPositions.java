package io.iamledger.infra.authz;

/**
 * Where the read model stands for each account: a number that grows whenever an event of the account is applied
 * (the global sequence of the last one), or -1 before any. Implementations are thread-safe and cheap to ask.
 */
interface AccountPositions {

    /**
     * The account's position, at least {@code atLeast} when the read model is known to have reached that (the
     * caller's own write it has just waited for).
     */
    long position(String accountId, long atLeast);
}
