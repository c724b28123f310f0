package io.iamledger.infra.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The chain rule of {@code V2__audit_and_chains.sql}, in Java: a row's hash is
 * {@code SHA-256(chain_prev || canonical bytes)}, where the canonical bytes are the row's fields in a fixed order,
 * each a 4-byte big-endian signed length ({@code -1} for null) followed by its bytes (text as UTF-8); an event's
 * sequence number is its 8 big-endian bytes with no length. The first row's {@code chain_prev} is
 * {@link #START}, 32 zero bytes.
 *
 * <p>Event fields, in order: event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
 * payload_type, payload_revision, payload, meta_data. Audit fields, in order: {@code event_id::text},
 * account_id, event_time as {@code to_char(event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')},
 * {@code record::text}, {@code resources::text} (PostgreSQL's own text of the jsonb values, which the caller reads
 * as PostgreSQL renders them).
 *
 * <p>Stateless and thread-safe; every argument may be null where the column may be (null is encoded, not refused).
 */
public final class LogChain {
    /** Length of a chain hash. */
    public static final int HASH_BYTES = 32;
    private static final byte[] START = new byte[HASH_BYTES];

    private LogChain() {}

    /** The {@code chain_prev} of a chain's first row: 32 zero bytes (a fresh copy). */
    public static byte[] start() {
        return START.clone();
    }

    /** The canonical bytes of an event row (the hash input after {@code chain_prev}). */
    public static byte[] eventCanonical(String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                                        String type, String timeStamp, String payloadType, String payloadRevision,
                                        byte[] payload, byte[] metaData) {
        Sink sink = new Sink();
        writeEvent(sink, eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,
                payloadRevision, payload, metaData);
        return sink.bytes();
    }

    /** The canonical bytes of an audit row (the hash input after {@code chain_prev}); see the class comment. */
    public static byte[] auditCanonical(String eventId, String accountId, String eventTime, String record,
                                        String resources) {
        Sink sink = new Sink();
        writeAudit(sink, eventId, accountId, eventTime, record, resources);
        return sink.bytes();
    }

    /** {@code SHA-256(prev || canonical)}. */
    public static byte[] hash(byte[] prev, byte[] canonical) {
        MessageDigest digest = sha256();
        digest.update(prev);
        digest.update(canonical);
        return digest.digest();
    }

    /** The hash of an event row whose predecessor's hash is {@code prev}. */
    public static byte[] eventHash(byte[] prev, String eventIdentifier, String aggregateIdentifier,
                                   long sequenceNumber, String type, String timeStamp, String payloadType,
                                   String payloadRevision, byte[] payload, byte[] metaData) {
        return eventHash(sha256(), prev, eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                payloadType, payloadRevision, payload, metaData);
    }

    /** The hash of an audit row whose predecessor's hash is {@code prev}. */
    public static byte[] auditHash(byte[] prev, String eventId, String accountId, String eventTime, String record,
                                   String resources) {
        return auditHash(sha256(), prev, eventId, accountId, eventTime, record, resources);
    }

    // The verifier's hot path: one digest reused per row, fields streamed into it without a canonical copy.
    static byte[] eventHash(MessageDigest digest, byte[] prev, String eventIdentifier, String aggregateIdentifier,
                            long sequenceNumber, String type, String timeStamp, String payloadType,
                            String payloadRevision, byte[] payload, byte[] metaData) {
        digest.reset();
        digest.update(prev);
        writeEvent(new Sink(digest), eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                payloadType, payloadRevision, payload, metaData);
        return digest.digest();
    }

    static byte[] auditHash(MessageDigest digest, byte[] prev, String eventId, String accountId, String eventTime,
                            String record, String resources) {
        digest.reset();
        digest.update(prev);
        writeAudit(new Sink(digest), eventId, accountId, eventTime, record, resources);
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    private static void writeEvent(Sink sink, String eventIdentifier, String aggregateIdentifier,
                                   long sequenceNumber, String type, String timeStamp, String payloadType,
                                   String payloadRevision, byte[] payload, byte[] metaData) {
        sink.text(eventIdentifier);
        sink.text(aggregateIdentifier);
        sink.int8(sequenceNumber);
        sink.text(type);
        sink.text(timeStamp);
        sink.text(payloadType);
        sink.text(payloadRevision);
        sink.field(payload);
        sink.field(metaData);
    }

    private static void writeAudit(Sink sink, String eventId, String accountId, String eventTime, String record,
                                   String resources) {
        sink.text(eventId);
        sink.text(accountId);
        sink.text(eventTime);
        sink.text(record);
        sink.text(resources);
    }

    /** Writes fields either into a digest or into a growing array (for {@code *Canonical}). */
    private static final class Sink {
        private final MessageDigest digest;
        private final byte[] scratch = new byte[8];
        private byte[] buffer;
        private int size;

        Sink(MessageDigest digest) {
            this.digest = digest;
        }

        Sink() {
            this.digest = null;
            this.buffer = new byte[256];
        }

        void text(String value) {
            field(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        void field(byte[] value) {
            int length = value == null ? -1 : value.length;
            scratch[0] = (byte) (length >>> 24);
            scratch[1] = (byte) (length >>> 16);
            scratch[2] = (byte) (length >>> 8);
            scratch[3] = (byte) length;
            put(scratch, 4);
            if (value != null) {
                put(value, value.length);
            }
        }

        void int8(long value) {
            for (int i = 0; i < 8; i++) {
                scratch[i] = (byte) (value >>> (56 - 8 * i));
            }
            put(scratch, 8);
        }

        private void put(byte[] bytes, int length) {
            if (digest != null) {
                digest.update(bytes, 0, length);
                return;
            }
            if (size + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
            }
            System.arraycopy(bytes, 0, buffer, size, length);
            size += length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
