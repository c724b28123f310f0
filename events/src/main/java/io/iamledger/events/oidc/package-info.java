/**
 * Events of OpenID Connect identity providers: registered, their client ids or thumbprints changed, deleted. A
 * provider lets the users of an outside identity service assume the roles that trust it.
 */
package io.iamledger.events.oidc;
