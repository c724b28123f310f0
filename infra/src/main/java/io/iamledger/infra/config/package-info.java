/** The server's configuration, read once from the environment and checked at start. */
package io.iamledger.infra.config;
