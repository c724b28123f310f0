/**
 * The accounts of a server: the default one made on first start, further ones made on request, each with a root
 * access key whose credentials go to a profile of the data directory's AWS credentials files.
 */
package io.iamledger.infra.accounts;
