package io.iamledger.infra.ledger;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The two hash-chained logs: how to read each in chain order and hash a row as {@link LogChain} defines it, and how
 * to name a row in a report.
 */
public enum Chain {
    /** {@code domain_event_entry}, in {@code global_index} order. */
    EVENTS("event", "event identifier",
            "select global_index, chain_prev, chain_hash, event_identifier, aggregate_identifier, sequence_number,"
                    + " type, time_stamp, payload_type, payload_revision, payload, meta_data"
                    + " from domain_event_entry order by global_index") {
        @Override
        byte[] hash(MessageDigest digest, byte[] prev, ResultSet row) throws SQLException {
            return LogChain.eventHash(digest, prev, row.getString(4), row.getString(5), row.getLong(6),
                    row.getString(7), row.getString(8), row.getString(9), row.getString(10), row.getBytes(11),
                    row.getBytes(12));
        }
    },
    /** {@code audit_record}, in {@code audit_index} order. */
    AUDIT("audit record", "event id",
            "select audit_index, chain_prev, chain_hash, event_id::text, account_id,"
                    + " to_char(event_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
                    + " record::text, resources::text from audit_record order by audit_index") {
        @Override
        byte[] hash(MessageDigest digest, byte[] prev, ResultSet row) throws SQLException {
            return LogChain.auditHash(digest, prev, row.getString(4), row.getString(5), row.getString(6),
                    row.getString(7), row.getString(8));
        }
    };

    private final String rowName;
    private final String idName;
    private final String select;

    Chain(String rowName, String idName, String select) {
        this.rowName = rowName;
        this.idName = idName;
        this.select = select;
    }

    /** How a report names one of this chain's rows: {@code audit record 1234 (event id ...)}. */
    public String describe(long index, String id) {
        return rowName + " " + index + (id == null ? "" : " (" + idName + " " + id + ")");
    }

    /** Rows in chain order: index, chain_prev, chain_hash, the row's identifier, then the hashed fields. */
    String select() {
        return select;
    }

    /** The row's hash over {@code prev} (its stored chain_prev), from the current row of {@link #select}. */
    abstract byte[] hash(MessageDigest digest, byte[] prev, ResultSet row) throws SQLException;
}
