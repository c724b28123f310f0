/**
 * Time travel over the ledger: could a principal do something at an instant, and why; who could; and the events
 * (with their audit records) that opened or closed each grant. Answers come from the temporal read model and the
 * audit trail, as JSON trees the {@code /v1} endpoints send as they are.
 */
package io.iamledger.infra.history;
