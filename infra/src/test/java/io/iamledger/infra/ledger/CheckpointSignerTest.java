package io.iamledger.infra.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSignerTest {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456Z");

    @Test
    void theKeyPairIsCreatedOnFirstUseWithAPrivateFileOnlyTheOwnerReads(@TempDir Path dir) throws Exception {
        CheckpointSigner signer = CheckpointSigner.loadOrCreate(dir);
        Path privateFile = dir.resolve(CheckpointSigner.PRIVATE_KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve(CheckpointSigner.PUBLIC_KEY_FILE)))
                .isEqualTo(signer.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(CheckpointSigner.loadOrCreate(dir).fingerprint()).isEqualTo(signer.fingerprint());
        assertThat(CheckpointSigner.fingerprint(
                CheckpointSigner.readPublicKey(dir.resolve(CheckpointSigner.PUBLIC_KEY_FILE))))
                .isEqualTo(signer.fingerprint()).hasSize(64);
    }

    @Test
    void aSignedCheckpointVerifiesUnderItsKeyOnly(@TempDir Path one, @TempDir Path other) {
        CheckpointSigner signer = CheckpointSigner.loadOrCreate(one);
        Checkpoint checkpoint = signer.sign(AT, 3, 7, LogChain.start(), 0, 0, LogChain.start());
        assertThat(CheckpointSigner.verify(signer.publicKey(), checkpoint)).isTrue();
        assertThat(CheckpointSigner.verify(CheckpointSigner.loadOrCreate(other).publicKey(), checkpoint)).isFalse();
    }

    @Test
    void changingAnySignedFieldBreaksTheSignature(@TempDir Path dir) {
        CheckpointSigner signer = CheckpointSigner.loadOrCreate(dir);
        Checkpoint c = signer.sign(AT, 3, 7, LogChain.start(), 2, 9, LogChain.start());
        Checkpoint moreEvents = new Checkpoint(c.id(), c.signedAt(), 4, c.eventHeadIndex(), c.eventHeadHash(),
                c.auditCount(), c.auditHeadIndex(), c.auditHeadHash(), c.keyFingerprint(), c.signature());
        Checkpoint later = new Checkpoint(c.id(), c.signedAt().plus(1, ChronoUnit.MICROS), c.eventCount(),
                c.eventHeadIndex(), c.eventHeadHash(), c.auditCount(), c.auditHeadIndex(), c.auditHeadHash(),
                c.keyFingerprint(), c.signature());
        assertThat(CheckpointSigner.verify(signer.publicKey(), moreEvents)).isFalse();
        assertThat(CheckpointSigner.verify(signer.publicKey(), later)).isFalse();
    }

    @Test
    void onlyOneKeyFileIsRefused(@TempDir Path dir) throws Exception {
        CheckpointSigner.loadOrCreate(dir);
        Files.delete(dir.resolve(CheckpointSigner.PUBLIC_KEY_FILE));
        assertThatThrownBy(() -> CheckpointSigner.loadOrCreate(dir)).hasMessageContaining("without");
    }

    @Test
    void theSignerNeverPrintsItsPrivateKey(@TempDir Path dir) throws Exception {
        CheckpointSigner signer = CheckpointSigner.loadOrCreate(dir);
        String pem = Files.readString(dir.resolve(CheckpointSigner.PRIVATE_KEY_FILE));
        String body = pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
        assertThat(signer.toString()).doesNotContain(body).contains("hidden");
    }
}
