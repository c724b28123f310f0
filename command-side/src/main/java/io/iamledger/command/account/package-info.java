/** The account aggregate: an account's creation and its root user's access keys. */
package io.iamledger.command.account;
