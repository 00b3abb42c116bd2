package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.chatnation.crm.projections.queries.Rows.instant;
import static com.chatnation.crm.projections.queries.Rows.nullableLong;

/** Reads an organization's wallet, its low-balance alerts and its token movements. */
@Repository
public class WalletQueries {

    public static final Set<String> TRANSACTION_TYPES = Set.of("purchase", "debit", "refund", "reserve", "release");

    public record WalletRow(long balance, long reserved, long available, long lowBalanceThreshold, Instant updatedAt) {
    }

    public record AlertRow(String id, String type, long threshold, long availableBalance, Instant createdAt) {
    }

    public record TransactionRow(String id, long sequenceNumber, String type, String module, String action,
                                 String referenceId, String reservationId, long amount, Long balanceAfter,
                                 Long reservedAfter, String description, Instant createdAt) {
        Cursor cursor() {
            return Cursor.of(createdAt, Long.toString(sequenceNumber));
        }
    }

    /** Optional filters; {@code from} is inclusive and {@code to} exclusive. */
    public record TransactionFilter(String type, String module, Instant from, Instant to) {
        public TransactionFilter {
            if (type != null && !TRANSACTION_TYPES.contains(type)) {
                throw new IllegalArgumentException("unknown transaction type '" + type + "'");
            }
        }

        public static TransactionFilter none() {
            return new TransactionFilter(null, null, null, null);
        }
    }

    private static final RowMapper<TransactionRow> TRANSACTION = (rs, n) -> new TransactionRow(rs.getString("id"),
            rs.getLong("sequence_number"), rs.getString("type"), rs.getString("module"), rs.getString("action"),
            rs.getString("reference_id"), rs.getString("reservation_id"), rs.getLong("amount"),
            nullableLong(rs, "balance_after"), nullableLong(rs, "reserved_after"), rs.getString("description"),
            instant(rs, "created_at"));

    private final NamedParameterJdbcTemplate jdbc;

    public WalletQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<WalletRow> wallet(String organizationId) {
        return jdbc.query("""
                        SELECT balance, reserved, available, low_balance_threshold, updated_at
                        FROM wallets WHERE organization_id = :org""",
                new MapSqlParameterSource("org", organizationId),
                (rs, n) -> new WalletRow(rs.getLong("balance"), rs.getLong("reserved"), rs.getLong("available"),
                        rs.getLong("low_balance_threshold"), instant(rs, "updated_at"))).stream().findFirst();
    }

    /** The latest low-balance alerts, newest first ({@code billing_alerts_organization_created}). */
    public List<AlertRow> recentAlerts(String organizationId, int limit) {
        return jdbc.query("""
                        SELECT id, type, threshold, available_balance, created_at FROM billing_alerts
                        WHERE organization_id = :org ORDER BY created_at DESC, id DESC LIMIT :limit""",
                new MapSqlParameterSource("org", organizationId).addValue("limit", limit),
                (rs, n) -> new AlertRow(rs.getString("id"), rs.getString("type"), rs.getLong("threshold"),
                        rs.getLong("available_balance"), instant(rs, "created_at")));
    }

    /**
     * Movements newest first; the wallet stream's sequence number breaks ties of equal timestamps (one wallet per
     * organization, so it is unique here). With a type the scan runs on
     * {@code token_transactions_organization_type_page}, with a module on {@code …_module_page}, otherwise on
     * {@code …_page}; a date range bounds the same range scan.
     *
     * @param after the last movement of the previous page, or null; its key must be the sequence number
     */
    public Page<TransactionRow> transactions(String organizationId, TransactionFilter filter, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        StringBuilder sql = new StringBuilder("""
                SELECT id, sequence_number, type, module, action, reference_id, reservation_id, amount, balance_after,
                       reserved_after, description, created_at
                FROM token_transactions WHERE organization_id = :org""");
        if (filter.type() != null) {
            sql.append(" AND type = :type");
            params.addValue("type", filter.type());
        }
        if (filter.module() != null) {
            sql.append(" AND module = :module");
            params.addValue("module", filter.module());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= :from");
            params.addValue("from", filter.from().atOffset(java.time.ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < :to");
            params.addValue("to", filter.to().atOffset(java.time.ZoneOffset.UTC));
        }
        if (after != null) {
            long sequence;
            try {
                sequence = Long.parseLong(after.key());
            } catch (NumberFormatException e) {
                throw new InvalidCursorException();
            }
            sql.append(" AND (created_at, sequence_number) < (:afterAt, :afterSequence)");
            params.addValue("afterAt", after.at()).addValue("afterSequence", sequence);
        }
        sql.append(" ORDER BY created_at DESC, sequence_number DESC LIMIT :limit");
        return Page.of(jdbc.query(sql.toString(), params, TRANSACTION), limit, TransactionRow::cursor);
    }
}
