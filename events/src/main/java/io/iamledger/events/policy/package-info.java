/** Events of customer managed policies and their versions. */
package io.iamledger.events.policy;
