package io.iamledger.query.projection;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.codec.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Test helper: lays envelopes out on Kafka partitions as the relay would (key = account id, default partitioner). */
final class Records {
    static final String TOPIC = "iam.events";
    private static final EventCodec CODEC = new EventCodec();

    private Records() {}

    /** Partition number → that partition's records, offsets from 0, in log order. */
    static Map<Integer, List<ConsumerRecord<String, String>>> partitioned(List<EventEnvelope> log, int partitions) {
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.put(p, new ArrayList<>());
        }
        for (EventEnvelope envelope : log) {
            int partition = ProjectionConsumer.partitionFor(envelope.accountId(), partitions);
            List<ConsumerRecord<String, String>> records = byPartition.get(partition);
            records.add(new ConsumerRecord<>(TOPIC, partition, records.size(), envelope.accountId(),
                    CODEC.toJson(envelope)));
        }
        return byPartition;
    }
}
