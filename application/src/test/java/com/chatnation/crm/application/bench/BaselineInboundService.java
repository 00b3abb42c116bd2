package com.chatnation.crm.application.bench;

import com.chatnation.crm.application.conversations.ingestion.InboundMessage;
import com.chatnation.crm.application.conversations.ingestion.StatusUpdate;
import com.chatnation.crm.application.conversations.ingestion.WebhookChange;
import com.chatnation.crm.application.conversations.ingestion.WebhookItem;
import com.chatnation.crm.application.conversations.ingestion.WebhookNotification;
import com.chatnation.crm.application.conversations.ingestion.WebhookPayloadParser;
import com.chatnation.crm.application.conversations.ingestion.WebhookSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The least a service could do with the same webhook, as a yardstick: verify the signature, parse with the
 * project's {@link WebhookPayloadParser}, then in one transaction insert the message, upsert the contact and
 * its conversation state and insert a token transaction; a status updates its message. No events, no Axon,
 * no replies. Tables are prefixed {@code baseline_}; the pool is as large as the service's.
 */
final class BaselineInboundService implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final HikariDataSource pool;
    private final WebhookSignature signature;
    private final WebhookPayloadParser parser = new WebhookPayloadParser();
    private final Map<String, String> organizationsByPhoneNumberId;

    BaselineInboundService(String jdbcUrl, String user, String password, String appSecret,
                           Map<String, String> organizationsByPhoneNumberId, int poolSize, int threads)
            throws IOException, SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("baseline");
        pool = new HikariDataSource(config);
        createTables();
        this.signature = new WebhookSignature(appSecret);
        this.organizationsByPhoneNumberId = organizationsByPhoneNumberId;
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "baseline-http");
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(executor);
        server.createContext("/webhooks/whatsapp", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/webhooks/whatsapp";
    }

    private void createTables() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    DROP TABLE IF EXISTS baseline_messages, baseline_contacts, baseline_conversations,
                                         baseline_token_transactions;
                    CREATE TABLE baseline_messages (id VARCHAR(255) PRIMARY KEY, organization_id VARCHAR(64) NOT NULL,
                        contact_phone VARCHAR(20) NOT NULL, direction VARCHAR(8) NOT NULL, type VARCHAR(32), text TEXT,
                        status VARCHAR(16) NOT NULL, created_at TIMESTAMPTZ NOT NULL, status_at TIMESTAMPTZ);
                    CREATE INDEX baseline_messages_organization_created ON baseline_messages (organization_id, created_at DESC);
                    CREATE TABLE baseline_contacts (organization_id VARCHAR(64) NOT NULL, phone VARCHAR(20) NOT NULL,
                        name TEXT, first_seen_at TIMESTAMPTZ NOT NULL, last_seen_at TIMESTAMPTZ NOT NULL,
                        message_count INTEGER NOT NULL, PRIMARY KEY (organization_id, phone));
                    CREATE TABLE baseline_conversations (organization_id VARCHAR(64) NOT NULL, phone VARCHAR(20) NOT NULL,
                        current_state VARCHAR(64) NOT NULL, step INTEGER NOT NULL, last_message_at TIMESTAMPTZ NOT NULL,
                        PRIMARY KEY (organization_id, phone));
                    CREATE TABLE baseline_token_transactions (id VARCHAR(64) PRIMARY KEY,
                        organization_id VARCHAR(64) NOT NULL, reference_id VARCHAR(255) NOT NULL, amount BIGINT NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL);
                    CREATE INDEX baseline_token_transactions_organization ON baseline_token_transactions
                        (organization_id, created_at DESC);""");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!signature.isValid(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER))) {
                respond(exchange, 401, "{\"code\":\"unauthorized\"}");
                return;
            }
            WebhookNotification notification;
            try {
                notification = parser.parse(body);
            } catch (RuntimeException malformed) {
                respond(exchange, 400, "{\"code\":\"malformed_request\"}");
                return;
            }
            int accepted = 0;
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    for (WebhookChange change : notification.changes()) {
                        String organization = organizationsByPhoneNumberId.get(change.phoneNumberId());
                        if (organization == null) {
                            continue;
                        }
                        for (WebhookItem item : change.items()) {
                            if (item instanceof InboundMessage message) {
                                store(connection, organization, message);
                            } else if (item instanceof StatusUpdate status) {
                                store(connection, status);
                            }
                            accepted++;
                        }
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                respond(exchange, 503, "{\"code\":\"unavailable\"}");
                return;
            }
            respond(exchange, 200, "{\"accepted\":" + accepted + "}");
        }
    }

    private static void store(Connection connection, String organization, InboundMessage message) throws SQLException {
        Timestamp at = Timestamp.from(message.sentAt() == null ? Instant.now() : message.sentAt());
        String phone = message.from().e164();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO baseline_messages (id, organization_id, contact_phone, direction, type, text, status, created_at)
                VALUES (?, ?, ?, 'inbound', ?, ?, 'received', ?) ON CONFLICT (id) DO NOTHING""")) {
            insert.setString(1, message.messageId());
            insert.setString(2, organization);
            insert.setString(3, phone);
            insert.setString(4, message.rawType());
            insert.setString(5, message.content() == null ? null : message.content().readableText());
            insert.setTimestamp(6, at);
            if (insert.executeUpdate() == 0) {
                return; // a redelivery
            }
        }
        try (PreparedStatement contact = connection.prepareStatement("""
                INSERT INTO baseline_contacts (organization_id, phone, name, first_seen_at, last_seen_at, message_count)
                VALUES (?, ?, ?, ?, ?, 1)
                ON CONFLICT (organization_id, phone) DO UPDATE SET last_seen_at = excluded.last_seen_at,
                    name = COALESCE(excluded.name, baseline_contacts.name),
                    message_count = baseline_contacts.message_count + 1""")) {
            contact.setString(1, organization);
            contact.setString(2, phone);
            contact.setString(3, message.profileName());
            contact.setTimestamp(4, at);
            contact.setTimestamp(5, at);
            contact.executeUpdate();
        }
        try (PreparedStatement conversation = connection.prepareStatement("""
                INSERT INTO baseline_conversations (organization_id, phone, current_state, step, last_message_at)
                VALUES (?, ?, 'survey_in_progress', 1, ?)
                ON CONFLICT (organization_id, phone) DO UPDATE SET step = (baseline_conversations.step + 1) % 5,
                    current_state = CASE WHEN (baseline_conversations.step + 1) % 5 = 0 THEN 'idle'
                                         ELSE 'survey_in_progress' END,
                    last_message_at = excluded.last_message_at""")) {
            conversation.setString(1, organization);
            conversation.setString(2, phone);
            conversation.setTimestamp(3, at);
            conversation.executeUpdate();
        }
        try (PreparedStatement debit = connection.prepareStatement("""
                INSERT INTO baseline_token_transactions (id, organization_id, reference_id, amount, created_at)
                VALUES (?, ?, ?, 1, ?)""")) {
            debit.setString(1, UUID.randomUUID().toString());
            debit.setString(2, organization);
            debit.setString(3, message.messageId());
            debit.setTimestamp(4, at);
            debit.executeUpdate();
        }
    }

    private static void store(Connection connection, StatusUpdate status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE baseline_messages SET status = ?, status_at = ? WHERE id = ?")) {
            update.setString(1, status.status());
            update.setTimestamp(2, Timestamp.from(status.at() == null ? Instant.now() : status.at()));
            update.setString(3, status.messageId());
            update.executeUpdate();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        pool.close();
    }
}
