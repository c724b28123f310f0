/** Events of IAM groups: created and deleted. */
package io.iamledger.events.group;
