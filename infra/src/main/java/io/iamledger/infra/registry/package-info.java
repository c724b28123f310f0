/** The command side's lookup table on PostgreSQL, in the transaction of the event append. */
package io.iamledger.infra.registry;
