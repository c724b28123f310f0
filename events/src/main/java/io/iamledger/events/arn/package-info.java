/** Amazon Resource Names: the one value type that parses, builds and takes apart every ARN in the system. */
package io.iamledger.events.arn;
