/**
 * The audit trail: one CloudTrail-compatible record per API call, appended in the write's own transaction (or in
 * small batches for reads and failures), hash-chained by the database, and looked up with CloudTrail's
 * {@code LookupEvents}.
 */
package io.iamledger.infra.audit;
