package com.chatnation.crm.application.replay;

import com.chatnation.crm.projections.ReadTables;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projections' {@link JdbcTemplate} during a rebuild: {@code update(sql, args...)} is deferred and sent to
 * PostgreSQL in JDBC batches, one per statement text, instead of one round trip per row. A rebuild applies
 * hundreds of thousands of events through the same few statements, so this is where its time goes.
 *
 * <p>Order is kept where it can matter: a deferred statement joins an earlier batch of the same text only if no
 * statement queued in between names any read table it names (statements on different tables commute; statements
 * on the same table keep their order). Every other operation (a query, an explicit batch) first sends what is
 * queued (it asks the data source for the connection, which sends the queue first), so a handler always reads
 * what the handlers before it wrote. {@code update} answers 1, not the real
 * count: projection handlers must not branch on update counts (none does; the rule is in the projections' package
 * documentation).
 */
final class BatchingJdbcTemplate extends JdbcTemplate {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> TABLES = List.copyOf(ReadTables.ALL);

    private final Connection connection;
    private final int maxQueued;
    private final List<Batch> batches = new ArrayList<>();
    /** Per statement text: the read tables it names and its batch in the queue, if any. */
    private final Map<String, Shape> shapes = new HashMap<>();
    /** Per read table (index into {@link #TABLES}): the position of the last queued batch naming it. */
    private final int[] lastBatchTouching = new int[TABLES.size()];
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild-writer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<Void> inFlight;
    private int queued;

    BatchingJdbcTemplate(Connection connection, int maxQueued) {
        super(new FlushingDataSource(connection));
        ((FlushingDataSource) getDataSource()).beforeUse = this::flush;
        // Translating a failure must not ask the data source for the connection (the default translator reads its
        // metadata): that would send the queue again, or wait on the very commit that failed.
        setExceptionTranslator(new SQLExceptionSubclassTranslator());
        this.connection = connection;
        this.maxQueued = maxQueued;
        Arrays.fill(lastBatchTouching, -1);
    }

    @Override
    public int update(String sql, Object... args) throws DataAccessException {
        Shape shape = shapes.computeIfAbsent(sql, Shape::new);
        Batch target = shape.latest;
        if (target != null) {
            for (int table : shape.tables) {
                if (lastBatchTouching[table] > target.index) {
                    target = null; // a later batch writes or reads one of its tables: it must not be overtaken
                    break;
                }
            }
        }
        if (target == null) {
            target = new Batch(sql, batches.size());
            batches.add(target);
            shape.latest = target;
            for (int table : shape.tables) {
                lastBatchTouching[table] = target.index;
            }
        }
        target.rows.add(args == null ? new Object[0] : args.clone());
        if (++queued >= maxQueued) {
            flush();
        }
        return 1;
    }

    /** Sends every queued statement, in batches, in the order described above (after any commit under way). */
    void flush() {
        awaitCommitted();
        send(takeQueued());
    }

    /**
     * Sends what is queued and commits it on a background thread, so the caller prepares the next batch of events
     * while PostgreSQL applies this one. At most one commit is under way; a failure surfaces on the next call that
     * uses the connection, and the caller then abandons the transaction (a rebuild fails whole).
     */
    void commitInBackground() {
        awaitCommitted();
        List<Batch> sending = takeQueued();
        inFlight = CompletableFuture.runAsync(() -> {
            send(sending);
            try {
                connection.commit();
            } catch (SQLException e) {
                throw translateException("rebuild commit", null, e);
            }
        }, writer);
    }

    /** Waits for the commit under way, if any; rethrows its failure. */
    void awaitCommitted() {
        CompletableFuture<Void> pending = inFlight;
        if (pending == null) {
            return;
        }
        inFlight = null;
        try {
            pending.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Waits for the background writer to finish and stops it; queued statements are dropped. */
    void close() {
        try {
            awaitCommitted();
        } catch (RuntimeException ignored) {
            // the caller is already failing or done; the transaction is rolled back next
        } finally {
            discard();
            writer.shutdown();
        }
    }

    private List<Batch> takeQueued() {
        List<Batch> sending = new ArrayList<>(batches);
        discard();
        return sending;
    }

    private void send(List<Batch> sending) {
        for (Batch batch : sending) {
            try (PreparedStatement statement = connection.prepareStatement(batch.sql)) {
                for (Object[] row : batch.rows) {
                    new ArgumentPreparedStatementSetter(row).setValues(statement);
                    statement.addBatch();
                }
                statement.executeBatch();
            } catch (SQLException e) {
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                throw translateException("rebuild batch of " + batch.rows.size(), batch.sql, cause);
            }
        }
    }

    int queuedBatches() {
        return batches.size();
    }

    /** Forgets what is queued (the transaction is being rolled back). */
    void discard() {
        batches.clear();
        queued = 0;
        shapes.values().forEach(shape -> shape.latest = null);
        Arrays.fill(lastBatchTouching, -1);
    }

    static Set<String> tablesNamedIn(String sql) {
        Set<String> tables = new HashSet<>();
        Matcher words = IDENTIFIER.matcher(sql);
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            if (TABLES.contains(word)) {
                tables.add(word);
            }
        }
        return tables;
    }

    /**
     * Every operation of the template except a deferred update asks its data source for the connection: that is
     * where queued writes are sent first (JdbcTemplate's own execute paths are partly private, this one is not).
     */
    private static final class FlushingDataSource extends SingleConnectionDataSource {
        Runnable beforeUse = () -> { };

        FlushingDataSource(Connection connection) {
            super(connection, true);
        }

        @Override
        public Connection getConnection() throws SQLException {
            beforeUse.run();
            return super.getConnection();
        }
    }

    private static final class Shape {
        final int[] tables;
        Batch latest;

        Shape(String sql) {
            this.tables = tablesNamedIn(sql).stream().mapToInt(TABLES::indexOf).toArray();
        }
    }

    private static final class Batch {
        final String sql;
        final int index;
        final List<Object[]> rows = new ArrayList<>();

        Batch(String sql, int index) {
            this.sql = sql;
            this.index = index;
        }
    }
}
