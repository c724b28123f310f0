/** OpenID Connect identity providers: one aggregate each, with its client ids and thumbprints. */
package io.iamledger.command.oidc;
