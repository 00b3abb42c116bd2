package com.chatnation.crm.application.platform.readmodels;

import com.chatnation.crm.projections.ReadTables;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Projection writes waiting to be sent to PostgreSQL as JDBC batches, one per statement text, instead of one round
 * trip per row.
 *
 * <p>Order is kept where it can matter: a statement joins an earlier batch of the same text only if no statement
 * queued in between names any read table it names. Statements on different tables commute; statements on the
 * same table keep their order; a statement that reads another read table waits for the writes to it queued before.
 * Not thread-safe: one queue belongs to one thread (a rebuild lane, or a processor's transaction).
 */
public final class StatementQueue {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> TABLES = List.copyOf(ReadTables.ALL);

    private final List<Batch> batches = new ArrayList<>();
    /** Per statement text: the read tables it names and its batch in the queue, if any. */
    private final Map<String, Shape> shapes = new HashMap<>();
    /** Per read table (index into {@link #TABLES}): the position of the last queued batch naming it. */
    private final int[] lastBatchTouching = new int[TABLES.size()];
    private int rows;

    public StatementQueue() {
        Arrays.fill(lastBatchTouching, -1);
    }

    /** Queues one execution of {@code sql}; answers how many rows are queued now. */
    public int add(String sql, Object[] args) {
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
        return ++rows;
    }

    public boolean isEmpty() {
        return batches.isEmpty();
    }

    public int batchCount() {
        return batches.size();
    }

    /** Takes everything queued, in sending order, leaving the queue empty. */
    public Drained drain() {
        Drained drained = new Drained(new ArrayList<>(batches));
        clear();
        return drained;
    }

    public void clear() {
        batches.clear();
        rows = 0;
        shapes.values().forEach(shape -> shape.latest = null);
        Arrays.fill(lastBatchTouching, -1);
    }

    /** The read tables a statement names (by word; a column sharing a table's name only makes it more careful). */
    public static Set<String> tablesNamedIn(String sql) {
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

    /** Statements taken off a queue, ready to be sent on a connection. */
    public static final class Drained {
        private final List<Batch> batches;

        private Drained(List<Batch> batches) {
            this.batches = batches;
        }

        /**
         * Executes every batch on the connection, in order.
         *
         * @throws FailedBatch naming the statement whose batch failed
         */
        public void sendOn(Connection connection) throws FailedBatch {
            for (Batch batch : batches) {
                try (PreparedStatement statement = connection.prepareStatement(batch.sql)) {
                    for (Object[] row : batch.rows) {
                        new ArgumentPreparedStatementSetter(row).setValues(statement);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                } catch (SQLException e) {
                    throw new FailedBatch(batch.sql, batch.rows.size(),
                            e.getNextException() != null ? e.getNextException() : e);
                }
            }
        }
    }

    /** A batch PostgreSQL refused: its statement, its size and the cause. */
    public static final class FailedBatch extends Exception {
        private final String sql;
        private final int rows;

        FailedBatch(String sql, int rows, SQLException cause) {
            super("batch of " + rows + " failed: " + sql, cause);
            this.sql = sql;
            this.rows = rows;
        }

        public String sql() {
            return sql;
        }

        public int rows() {
            return rows;
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
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
