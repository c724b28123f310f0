package io.iamledger.infra.ledger;

import java.sql.SQLException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log's tamper-evidence endpoints.
 * <ul>
 *   <li>{@code GET /v1/log/public-key}: the checkpoint signing key's public half as PEM
 *       ({@code application/x-pem-file}); public by design, so that anyone can verify checkpoints.</li>
 *   <li>{@code POST /v1/log/checkpoint}: takes a checkpoint now (or returns the last one when nothing was appended
 *       since) as JSON ({@link Checkpoint#toJson}). Like every call of the API it is to be SigV4-authorized once
 *       the {@code /v1} endpoints have authentication; until then it is reachable by anyone who reaches the port,
 *       which costs at most one signature and one row per append.</li>
 * </ul>
 */
@RestController
public class LogController {
    private final Checkpointer checkpointer;
    private final String publicKeyPem;

    public LogController(Checkpointer checkpointer, CheckpointSigner signer) {
        this.checkpointer = checkpointer;
        this.publicKeyPem = signer.publicKeyPem();
    }

    @GetMapping(path = "/v1/log/public-key", produces = "application/x-pem-file")
    public String publicKey() {
        return publicKeyPem;
    }

    @PostMapping(path = "/v1/log/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> checkpoint() throws SQLException {
        return ResponseEntity.ok(checkpointer.checkpoint().toJson());
    }
}
