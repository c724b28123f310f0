/** Events of IAM users and their group memberships. */
package io.iamledger.events.user;
