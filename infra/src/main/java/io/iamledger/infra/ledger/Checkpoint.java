package io.iamledger.infra.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A signed statement of how both chains stood at {@link #signedAt}: each chain's row count, the index of its last
 * row and that row's chain hash (index 0 and 32 zero bytes for a chain without rows). One row of
 * {@code log_checkpoint}. {@link #signedBytes} is the one definition of what the signature covers, used both to
 * sign and to verify.
 *
 * <p>Immutable: the arrays are copied in and out. {@code id} is 0 for a checkpoint not yet stored.
 *
 * @param id             {@code checkpoint_id}
 * @param signedAt       when it was taken, in microseconds (what {@code timestamptz} keeps)
 * @param eventCount     rows in {@code domain_event_entry}
 * @param eventHeadIndex the highest {@code global_index}
 * @param eventHeadHash  its {@code chain_hash}
 * @param auditCount     rows in {@code audit_record}
 * @param auditHeadIndex the highest {@code audit_index}
 * @param auditHeadHash  its {@code chain_hash}
 * @param keyFingerprint hex SHA-256 of the signing key's encoded public key
 * @param signature      Ed25519 over {@link #signedBytes}
 */
public record Checkpoint(long id, Instant signedAt, long eventCount, long eventHeadIndex, byte[] eventHeadHash,
                         long auditCount, long auditHeadIndex, byte[] auditHeadHash, String keyFingerprint,
                         byte[] signature) {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String DOMAIN = "iam-ledger log checkpoint v1";

    public Checkpoint {
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        if (!signedAt.truncatedTo(ChronoUnit.MICROS).equals(signedAt)) {
            throw new IllegalArgumentException("signedAt must be in whole microseconds: " + signedAt);
        }
        if (eventCount < 0 || auditCount < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + eventCount + ", " + auditCount);
        }
        eventHeadHash = requireHash(eventHeadHash, "eventHeadHash");
        auditHeadHash = requireHash(auditHeadHash, "auditHeadHash");
        signature = signature.clone();
    }

    @Override
    public byte[] eventHeadHash() {
        return eventHeadHash.clone();
    }

    @Override
    public byte[] auditHeadHash() {
        return auditHeadHash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * What the signature covers: a domain string, then signed_at (as {@code YYYY-MM-DDTHH:MM:SS.uuuuuuZ}),
     * event_count, event_head_index, event_head_hash, audit_count, audit_head_index, audit_head_hash, with the
     * chains' field encoding (length-prefixed text and bytes, 8-byte big-endian numbers).
     */
    public byte[] signedBytes() {
        return signedBytes(signedAt, eventCount, eventHeadIndex, eventHeadHash, auditCount, auditHeadIndex,
                auditHeadHash);
    }

    static byte[] signedBytes(Instant signedAt, long eventCount, long eventHeadIndex, byte[] eventHeadHash,
                              long auditCount, long auditHeadIndex, byte[] auditHeadHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        text(out, DOMAIN);
        text(out, MICROS.format(signedAt));
        int8(out, eventCount);
        int8(out, eventHeadIndex);
        field(out, eventHeadHash);
        int8(out, auditCount);
        int8(out, auditHeadIndex);
        field(out, auditHeadHash);
        return out.toByteArray();
    }

    /** Whether both chains stand where they stood at {@code other} (nothing appended since). */
    boolean sameHeads(Checkpoint other) {
        return eventCount == other.eventCount && eventHeadIndex == other.eventHeadIndex
                && Arrays.equals(eventHeadHash, other.eventHeadHash) && auditCount == other.auditCount
                && auditHeadIndex == other.auditHeadIndex && Arrays.equals(auditHeadHash, other.auditHeadHash);
    }

    /** The JSON shape of {@code POST /v1/log/checkpoint}: hashes and signature in hex, time in ISO-8601. */
    public Map<String, Object> toJson() {
        HexFormat hex = HexFormat.of();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("checkpointId", id);
        json.put("signedAt", MICROS.format(signedAt));
        json.put("eventCount", eventCount);
        json.put("eventHeadIndex", eventHeadIndex);
        json.put("eventHeadHash", hex.formatHex(eventHeadHash));
        json.put("auditCount", auditCount);
        json.put("auditHeadIndex", auditHeadIndex);
        json.put("auditHeadHash", hex.formatHex(auditHeadHash));
        json.put("keyFingerprint", keyFingerprint);
        json.put("signature", hex.formatHex(signature));
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && id == c.id && signedAt.equals(c.signedAt) && sameHeads(c)
                && keyFingerprint.equals(c.keyFingerprint) && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, signedAt, eventHeadIndex, auditHeadIndex, keyFingerprint);
    }

    @Override
    public String toString() {
        return "Checkpoint" + toJson();
    }

    private static byte[] requireHash(byte[] hash, String name) {
        if (hash == null || hash.length != LogChain.HASH_BYTES) {
            throw new IllegalArgumentException(name + " must be " + LogChain.HASH_BYTES + " bytes: "
                    + (hash == null ? "null" : hash.length + " bytes"));
        }
        return hash.clone();
    }

    private static void text(ByteArrayOutputStream out, String value) {
        field(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        int8Part(out, value.length, 4);
        out.writeBytes(value);
    }

    private static void int8(ByteArrayOutputStream out, long value) {
        int8Part(out, value, 8);
    }

    private static void int8Part(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}
