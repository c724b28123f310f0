/** Events of an account's life: its creation. */
package io.iamledger.events.account;
