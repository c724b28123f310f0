/** Events that users and roles share: access keys, inline policies, and how an event names the identity it concerns. */
package io.iamledger.events.identity;
