package io.iamledger.infra.server;

/** A marker bean: the schema scripts have been applied. Beans that touch tables take it as a parameter. */
record SchemaReady() {}
