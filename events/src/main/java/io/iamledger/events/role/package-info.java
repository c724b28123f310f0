/** Events of IAM roles: created, updated, their trust policy changed, deleted, and the sessions issued for them. */
package io.iamledger.events.role;
