package io.iamledger.infra.ledger;

/** What {@code verify-log} found wrong, from the first row or checkpoint that shows it. */
public enum Tampering {
    /** The row links to its predecessor, but its hash does not match its contents (or its chain columns are gone). */
    ALTERED,
    /** The row is self-consistent but links to a hash no earlier row has: rows before it were removed. */
    REMOVED,
    /** The row does not belong: the next genuine row links to the row before it. */
    INSERTED,
    /** The row links to the hash of a row that comes after it: rows were moved. */
    REORDERED,
    /** A checkpoint saw the chain reach a row beyond its present end: its tail was removed. */
    TRUNCATED,
    /** A checkpoint disagrees with the chain at its head row: the count, the hash, or the row itself differs. */
    CHECKPOINT_MISMATCH,
    /** A checkpoint's signature does not verify under the public key (forged, altered, or another key's). */
    BAD_SIGNATURE
}
