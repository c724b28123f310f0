package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.IamClient;

class AppendOnlyLogIT {

    @Test
    void theEventLogRefusesUpdateDeleteAndTruncate() {
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(SharedLedger.unique("immutable")));
        }
        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        Long before = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);

        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload_type = 'forged' "
                + "where global_index = (select max(global_index) from domain_event_entry)"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry "
                + "where global_index = (select min(global_index) from domain_event_entry)"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate domain_event_entry"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");

        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = 'forged'",
                Long.class)).isZero();
    }
}
