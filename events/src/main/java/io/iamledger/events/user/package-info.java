/** Events of IAM users: the users themselves, their group memberships and their login profiles (passwords). */
package io.iamledger.events.user;
