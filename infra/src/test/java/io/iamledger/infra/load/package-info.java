/**
 * Load drivers for the performance figures of issue 2: write throughput and latency through the AWS SDK,
 * projection lag under that load, read-model rebuild speed, and start-up time. Test-scoped mains, run by
 * {@code infra/load.sh}; nothing here runs in the build.
 */
package io.iamledger.infra.load;
