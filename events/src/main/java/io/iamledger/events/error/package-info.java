/** AWS error codes with their HTTP statuses, and the exception that carries one from the domain to the edge. */
package io.iamledger.events.error;
