package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An organization's payments ({@code payments}), newest first, and what they add up to. */
@Repository
public class PaymentQueries {

    /**
     * One payment. The payer's number is shown masked: enough for staff to recognise it on a call, not to copy it.
     */
    public record PaymentRow(String paymentId, String purpose, String purposeId, String eventId, long tokens,
                             BigDecimal amount, String currency, String payerPhone, String status,
                             String providerReference, String receipt, String answeredBy, String failure,
                             String failureDescription, String refundReason, Instant requestedAt, Instant settledAt,
                             Instant failedAt) {
    }

    /** Counts and money per status, for the payments page's header. */
    public record Totals(long settled, BigDecimal settledAmount, long pending, long failed, long refundDue) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public PaymentQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<PaymentRow> recent(String organizationId, String status, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("org", organizationId)
                .addValue("status", status).addValue("limit", limit);
        return jdbc.query("""
                        SELECT * FROM payments WHERE organization_id = :org
                          AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                        ORDER BY requested_at DESC, id LIMIT :limit""", parameters, (rs, n) -> row(rs));
    }

    public Optional<PaymentRow> payment(String organizationId, String paymentId) {
        return jdbc.query("SELECT * FROM payments WHERE organization_id = :org AND id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", paymentId), (rs, n) -> row(rs))
                .stream().findFirst();
    }

    public Totals totals(String organizationId) {
        return jdbc.queryForObject("""
                        SELECT count(*) FILTER (WHERE status = 'settled') AS settled,
                               coalesce(sum(amount) FILTER (WHERE status = 'settled'), 0) AS settled_amount,
                               count(*) FILTER (WHERE status IN ('requested', 'initiated')) AS pending,
                               count(*) FILTER (WHERE status = 'failed') AS failed,
                               count(*) FILTER (WHERE status = 'refund_due') AS refund_due
                        FROM payments WHERE organization_id = :org""",
                new MapSqlParameterSource("org", organizationId),
                (rs, n) -> new Totals(rs.getLong("settled"), rs.getBigDecimal("settled_amount"), rs.getLong("pending"),
                        rs.getLong("failed"), rs.getLong("refund_due")));
    }

    private static PaymentRow row(ResultSet rs) throws SQLException {
        return new PaymentRow(rs.getString("id"), rs.getString("purpose"), rs.getString("purpose_id"),
                rs.getString("event_id"), rs.getLong("tokens"), rs.getBigDecimal("amount"), rs.getString("currency"),
                masked(rs.getString("payer_phone")), rs.getString("status"), rs.getString("provider_reference"),
                rs.getString("receipt"), rs.getString("answered_by"), rs.getString("failure"),
                rs.getString("failure_description"), rs.getString("refund_reason"), instant(rs, "requested_at"),
                instant(rs, "settled_at"), instant(rs, "failed_at"));
    }

    /** +254708374149 → +2547•••••149. */
    static String masked(String phone) {
        if (phone == null || phone.length() < 8) {
            return phone == null ? null : "•••";
        }
        return phone.substring(0, 5) + "•".repeat(phone.length() - 8) + phone.substring(phone.length() - 3);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
