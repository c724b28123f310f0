package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The commit-time moves find their transaction's rows in the append buffers through the index, whatever the
 * planner thinks of the buffers' size. A buffer is empty between transactions, so a vacuum records it as empty;
 * with a sequential scan planned then, every later commit would read all the dead rows that pile up in the buffer
 * until the next vacuum, under the append lock.
 */
class AppendBufferScanIT {

    private static final String BUFFERS = "'event_append_buffer', 'audit_append_buffer'";

    @Test
    void commitsAfterAVacuumOfTheEmptyBuffersDoNotScanThemSequentially() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(SharedLedger.unique("before-vacuum")));
            jdbc.execute("vacuum event_append_buffer, audit_append_buffer");
            Map<String, Object> before = scans(jdbc);

            for (int i = 0; i < 5; i++) {
                String name = SharedLedger.unique("after-vacuum");
                iam.createUser(r -> r.userName(name));
                iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            }

            // backends publish their table statistics when idle, at most once a second
            long deadline = System.nanoTime() + 15_000_000_000L;
            long moved = 0;
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                moved = (Long) scans(jdbc).get("inserted") - (Long) before.get("inserted");
                if (moved >= 20) {
                    break;
                }
            }
            assertThat(moved).as("rows buffered after the vacuum (statistics published)").isGreaterThanOrEqualTo(20);
            assertThat(scans(jdbc).get("sequential")).as("sequential scans of the buffers")
                    .isEqualTo(before.get("sequential"));
        }
    }

    private static Map<String, Object> scans(JdbcTemplate jdbc) {
        return jdbc.queryForMap("select coalesce(sum(seq_scan), 0)::bigint as sequential,"
                + " coalesce(sum(n_tup_ins), 0)::bigint as inserted from pg_stat_all_tables"
                + " where schemaname = 'public' and relname in (" + BUFFERS + ")");
    }
}
