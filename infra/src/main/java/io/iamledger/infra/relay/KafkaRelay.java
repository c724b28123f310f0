package io.iamledger.infra.relay;

import io.iamledger.events.IamEvent;
import io.iamledger.events.codec.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes every committed event to Kafka topic {@code iam.events}, keyed by account id, in global-sequence
 * order. It is an Axon tracking processor over the event store, so it reads only committed events (no dual write).
 * Sends are asynchronous within a batch; before the batch's tracking token is stored, every send must be
 * acknowledged ({@code acks=all}, idempotent producer). A crash in between re-publishes the batch; consumers
 * deduplicate by global sequence.
 *
 * <p>Events are relayed as the store keeps them: the stored payload (the record's JSON) goes into the envelope
 * without being read into its record and written again, which was half of the relay's CPU.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay {
    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pending";

    private final Producer<String, String> producer;
    private final String topic;
    private final EventCodec codec;
    private final Serializer eventSerializer;
    private final JdbcTemplate jdbc;
    private final AtomicLong lastPublished = new AtomicLong(-1);

    /**
     * @param eventSerializer the event store's serializer: given the same instance, Axon hands over the stored
     *                        payload as it is instead of deserializing and serializing it again
     * @param jdbc            on the data source of the processor's token store (the batch's transaction)
     */
    public KafkaRelay(Producer<String, String> producer, String topic, EventCodec codec, Serializer eventSerializer,
                      JdbcTemplate jdbc) {
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
        this.eventSerializer = eventSerializer;
        this.jdbc = jdbc;
    }

    @EventHandler(payloadType = IamEvent.class)
    public void on(EventMessage<?> message, TrackingToken token) {
        long globalSequence = token.position().orElseThrow(
                () -> new IllegalStateException("tracking token without position: " + token));
        String aggregateId = "";
        long aggregateSequence = 0;
        if (message instanceof DomainEventMessage<?> domainMessage) {
            aggregateId = domainMessage.getAggregateIdentifier();
            aggregateSequence = domainMessage.getSequenceNumber();
        }
        SerializedObject<String> stored = message.serializePayload(eventSerializer, String.class);
        String json = codec.envelopeJson(globalSequence, message.getIdentifier(), aggregateId, aggregateSequence,
                message.getPayloadType(), stored.getData());
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, codec.accountIdOf(stored.getData()), json));
        pendingSends().add(sent);
        lastPublished.accumulateAndGet(globalSequence, Math::max);
    }

    /** The highest global sequence handed to the producer (acknowledged once the batch commits). */
    public long lastPublished() {
        return lastPublished.get();
    }

    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(PENDING_SENDS, key -> {
            // The batch's transaction only stores the processor's token. Losing it in a crash re-publishes the batch,
            // which consumers skip by global sequence, so its commit need not wait for the disk flush.
            jdbc.execute("set local synchronous_commit = off");
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(u -> awaitAcknowledged(pending, "an event; the batch will be retried"));
            return pending;
        });
    }

    /** Waits until Kafka acknowledged every send; {@code what} names the record for the failure's message. */
    static void awaitAcknowledged(List<Future<RecordMetadata>> pending, String what) {
        for (Future<RecordMetadata> send : pending) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka to acknowledge", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge " + what, e.getCause());
            }
        }
    }
}
