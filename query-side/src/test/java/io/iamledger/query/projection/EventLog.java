package io.iamledger.query.projection;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.IamEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** A test's event log: wraps events in envelopes with increasing global sequences, and replays them. */
public final class EventLog {
    private final List<EventEnvelope> envelopes = new ArrayList<>();
    private long nextSequence;

    public EventLog() {
        this(1);
    }

    public EventLog(long firstSequence) {
        this.nextSequence = firstSequence;
    }

    public EventEnvelope append(IamEvent event) {
        EventEnvelope envelope = new EventEnvelope(nextSequence++, UUID.nameUUIDFromBytes(
                ("e" + nextSequence).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(),
                "agg", 0, event);
        envelopes.add(envelope);
        return envelope;
    }

    public List<EventEnvelope> envelopes() {
        return List.copyOf(envelopes);
    }

    public int size() {
        return envelopes.size();
    }

    public long lastSequence() {
        return nextSequence - 1;
    }

    /** Applies envelopes in batches of {@code batchSize}, one transaction per batch. */
    public static Projector.Result replay(DataSource dataSource, String schema, List<EventEnvelope> envelopes,
                                          int batchSize) throws SQLException {
        Projector projector = new Projector(schema);
        int applied = 0;
        int skipped = 0;
        int changes = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int from = 0; from < envelopes.size(); from += batchSize) {
                Projector.Result result = projector.apply(connection,
                        envelopes.subList(from, Math.min(envelopes.size(), from + batchSize)));
                connection.commit();
                applied += result.applied();
                skipped += result.skipped();
                changes += result.authorizationChanges();
            }
        }
        return new Projector.Result(applied, skipped, changes);
    }
}
