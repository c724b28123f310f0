/** Access-key secrets: generation, sealing under the data directory's key, and lookup for authentication. */
package io.iamledger.infra.credentials;
