/**
 * The facts of the ledger: every event is an immutable record of one account's IAM state changing, with the
 * envelope that gives it its place in the log. No framework is imported here.
 */
package io.iamledger.events;
