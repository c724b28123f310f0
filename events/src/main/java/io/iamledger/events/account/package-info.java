/** Events of an account as a whole: its creation and its password policy. */
package io.iamledger.events.account;
