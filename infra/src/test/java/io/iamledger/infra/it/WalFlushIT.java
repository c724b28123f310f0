package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.infra.eventstore.WalFlush;
import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A write commits without waiting for the disk (so the append lock is released before the flush), and is on disk
 * once {@link WalFlush#await} returns. Against the server's own database, as its (non-superuser) login role.
 */
class WalFlushIT {

    @Test
    void aDeferredCommitIsOnDiskOnceTheFlushReturns() throws Exception {
        DataSource dataSource = SharedLedger.server().context().getBean(DataSource.class);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        WalFlush flush = new WalFlush(jdbc);
        jdbc.execute("create table if not exists wal_flush_probe (probe text primary key)");
        String probe = "probe-" + UUID.randomUUID();

        String inside;
        String committedUpTo;
        String after;
        // one connection for the transaction and the reads after it, so "right after the commit" is exact
        try (Connection connection = dataSource.getConnection()) {
            SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
            JdbcTemplate onConnection = new JdbcTemplate(single);
            inside = new TransactionTemplate(new DataSourceTransactionManager(single)).execute(status -> {
                new WalFlush(onConnection).deferForThisCommit();
                onConnection.update("insert into wal_flush_probe (probe) values (?)", probe);
                return onConnection.queryForObject("select current_setting('synchronous_commit')", String.class);
            });
            // the commit record is in the WAL by now: the current insert position is at or past its end
            committedUpTo = onConnection.queryForObject("select pg_current_wal_insert_lsn()::text", String.class);
            after = onConnection.queryForObject("select current_setting('synchronous_commit')", String.class);
        }

        flush.await();

        Boolean flushed = jdbc.queryForObject("select pg_current_wal_flush_lsn() >= ?::pg_lsn", Boolean.class,
                committedUpTo);
        assertThat(inside).as("the transaction's own commit setting").isEqualTo("off");
        assertThat(after).as("set local: later transactions on the connection commit synchronously").isEqualTo("on");
        assertThat(flushed).as("flushed past the commit (%s)", committedUpTo).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from wal_flush_probe where probe = ?", Integer.class, probe))
                .isEqualTo(1);
    }
}
