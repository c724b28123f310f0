package io.iamledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.codec.EventCodec;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The consumer's transactional core against a real PostgreSQL, without a broker. */
class RecordApplierTest {
    private final DataSource db = TestDatabase.dataSource();

    private RecordApplier applier(String schema, DataSource dataSource) {
        return new RecordApplier(dataSource, new Projector(schema), new EventCodec(), Records.TOPIC);
    }

    @Test
    void appliesRecordsAndStoresTheirOffsetsTogether() throws Exception {
        String schema = TestDatabase.freshSchema("applier_store");
        List<EventEnvelope> log = SyntheticLog.generate(1, 6, 300);
        Map<Integer, List<ConsumerRecord<String, String>>> partitions = Records.partitioned(log, 3);
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        partitions.values().forEach(poll::addAll);

        RecordApplier.Outcome outcome = applier(schema, db).apply(poll);

        assertThat(outcome.applied()).isEqualTo(300);
        assertThat(outcome.skipped()).isZero();
        for (Map.Entry<Integer, List<ConsumerRecord<String, String>>> entry : partitions.entrySet()) {
            List<ConsumerRecord<String, String>> records = entry.getValue();
            EventEnvelope last = new EventCodec().envelopeFromJson(records.get(records.size() - 1).value());
            assertThat(outcome.positions().get(entry.getKey())).isEqualTo(new RecordApplier.Stored(entry.getKey(),
                    records.size(), last.globalSequence(), last.occurredAt()));
        }
        assertThat(applier(schema, db).stored(List.of(0, 1, 2, 3))).isEqualTo(outcome.positions());
        String reference = TestDatabase.freshSchema("applier_reference");
        EventLog.replay(db, reference, log, 1000);
        assertThat(Sql.checksum(db, schema)).isEqualTo(Sql.checksum(db, reference));
    }

    @Test
    void redeliveredRecordsAreSkippedAndOffsetsNeverMoveBack() throws Exception {
        String schema = TestDatabase.freshSchema("applier_redeliver");
        List<ConsumerRecord<String, String>> records = Records.partitioned(SyntheticLog.generate(2, 1, 120), 1).get(0);
        RecordApplier applier = applier(schema, db);
        applier.apply(records.subList(0, 100));
        ReadModelChecksum before = Sql.checksum(db, schema);

        // A consumer that lost the partition in a rebalance finishes an old poll late.
        RecordApplier.Outcome late = applier.apply(records.subList(20, 60));
        assertThat(late.applied()).isZero();
        assertThat(late.skipped()).isEqualTo(40);
        assertThat(applier.stored(List.of(0)).get(0).nextOffset()).isEqualTo(100);
        assertThat(Sql.checksum(db, schema)).isEqualTo(before);

        RecordApplier.Outcome overlapping = applier.apply(records.subList(90, 120));
        assertThat(overlapping.applied()).isEqualTo(20);
        assertThat(overlapping.skipped()).isEqualTo(10);
        assertThat(applier.stored(List.of(0)).get(0).nextOffset()).isEqualTo(120);
    }

    @Test
    void aFailedCommitStoresNeitherRowsNorOffsets() throws Exception {
        String schema = TestDatabase.freshSchema("applier_failed_commit");
        List<ConsumerRecord<String, String>> records = Records.partitioned(Scenario.log().envelopes(), 2).get(0);
        RecordApplier failing = applier(schema, new FailingCommits(db));

        assertThatThrownBy(() -> failing.apply(records)).isInstanceOf(SQLException.class).hasMessage("commit lost");

        assertThat(applier(schema, db).stored(List.of(0, 1))).isEmpty();
        assertThat(Sql.checksum(db, schema).rowCounts().values()).containsOnly(0L);
        assertThat(Sql.rows(db, "select count(*) from \"" + schema + "\".projection_state")).containsExactly("0");
        // The same records, read again after the failure, apply in full.
        assertThat(applier(schema, db).apply(records).applied()).isEqualTo(records.size());
    }

    @Test
    void aRecordThatIsNotAnEnvelopeStopsTheWholePoll() throws Exception {
        String schema = TestDatabase.freshSchema("applier_poison");
        List<ConsumerRecord<String, String>> records = new ArrayList<>(
                Records.partitioned(Scenario.log().envelopes(), 1).get(0).subList(0, 5));
        records.add(new ConsumerRecord<>(Records.TOPIC, 0, 5, Scenario.ACCOUNT, "{\"not\":\"an envelope\"}"));

        assertThatThrownBy(() -> applier(schema, db).apply(records))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iam.events-0@5");
        assertThat(applier(schema, db).stored(List.of(0))).isEmpty();
        assertThat(Sql.rows(db, "select count(*) from \"" + schema + "\".users")).containsExactly("0");
    }

    /** A data source whose connections lose every commit: the transaction is rolled back instead. */
    static final class FailingCommits implements DataSource {
        private final DataSource delegate;

        FailingCommits(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = delegate.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            real.rollback();
                            throw new SQLException("commit lost");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
