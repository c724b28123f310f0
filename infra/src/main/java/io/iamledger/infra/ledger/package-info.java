/**
 * Tamper evidence for both logs: the hash chains PostgreSQL keeps over the event log and the audit trail,
 * checkpoints over their heads signed with the server's Ed25519 key, and {@code verify-log}, which checks chains,
 * signatures and their agreement with nothing but a database connection and the public key.
 */
package io.iamledger.infra.ledger;
