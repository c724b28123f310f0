package io.iamledger.infra.server;

/** Where the server's Kafka cluster is: the embedded broker or the one configured. */
record KafkaEndpoint(String bootstrapServers) {}
