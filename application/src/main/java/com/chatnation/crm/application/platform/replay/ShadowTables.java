package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.projections.ReadTables;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DDL of a rebuild: copies of live read tables in a schema of their own, and the swap that moves them into
 * {@code public}.
 *
 * <p>The copies keep the live tables' names, columns, defaults, check constraints and identity columns
 * ({@code LIKE ... INCLUDING}), and get the live primary-key, unique and exclusion constraints and indexes under
 * the <em>same names</em>, so a swapped-in table is indistinguishable from one built by the migrations (later
 * migrations can still drop or alter indexes by name). Every index exists from the start, not only the unique
 * ones the upserts need: projections also look rows up through plain indexes (a survey step finds its response's
 * first journey row by reference), and without them each lookup scanned a growing table, which made a rebuild
 * slow down as it went.
 *
 * <p>The copies are created {@code UNLOGGED}: a rebuild writes each row several times (a conversation's counters once
 * per message), and every one of those writes went through the write-ahead log, with a full page image the first time
 * a page changed after each checkpoint. Nothing is lost by it: a crash empties unlogged tables, but a rebuild does not
 * survive a restart anyway (its schema is dropped and it starts again). {@link #makeLogged} turns them into ordinary
 * tables, one sequential write each, before they are swapped in.
 */
final class ShadowTables {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private ShadowTables() {
    }

    /** A schema name for a rebuild of the given groups: {@code rebuild_<group>} or {@code rebuild_all}. */
    static String schemaFor(List<String> groups) {
        String suffix = groups.size() == 1 ? groups.get(0) : "all";
        return safe("rebuild_" + suffix.toLowerCase().replaceAll("[^a-z0-9_]", "_"));
    }

    static void create(JdbcTemplate jdbc, String schema, List<String> tables) {
        drop(jdbc, schema);
        jdbc.execute("CREATE SCHEMA " + safe(schema));
        for (String table : tables) {
            requireReadTable(table);
            jdbc.execute("CREATE UNLOGGED TABLE " + schema + "." + table + " (LIKE public." + table
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY"
                    + " INCLUDING STORAGE INCLUDING COMMENTS)");
            for (Map<String, Object> constraint : jdbc.queryForList("""
                    SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                    WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname""",
                    "public." + table)) {
                jdbc.execute("ALTER TABLE " + schema + "." + table + " ADD CONSTRAINT "
                        + quote((String) constraint.get("conname")) + " " + constraint.get("definition"));
            }
            for (String index : indexes(jdbc, schema, table)) {
                jdbc.execute(index);
            }
        }
    }

    /** Makes the copies ordinary (logged, crash-safe, replicated) tables, as the live ones are. */
    static void makeLogged(JdbcTemplate jdbc, String schema, List<String> tables) {
        for (String table : tables) {
            requireReadTable(table);
            jdbc.execute("ALTER TABLE " + safe(schema) + "." + table + " SET LOGGED");
        }
    }

    /** The live table's indexes that do not back a constraint, as statements creating them on the copy. */
    private static List<String> indexes(JdbcTemplate jdbc, String schema, String table) {
        List<String> statements = new ArrayList<>();
        Pattern on = Pattern.compile(" ON (ONLY )?(public\\.)?" + Pattern.quote(table) + " USING ");
        for (String definition : jdbc.queryForList("""
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = ?::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                ORDER BY i.indexrelid""", String.class, "public." + table)) {
            Matcher matcher = on.matcher(definition);
            if (!matcher.find()) {
                throw new IllegalStateException("cannot copy index of " + table + ": " + definition);
            }
            statements.add(matcher.replaceFirst(Matcher.quoteReplacement(" ON " + schema + "." + table + " USING ")));
        }
        return statements;
    }

    /**
     * Swaps the copies in: the live tables move to {@code retired} and the copies to {@code public}, in the caller's
     * transaction. Views reading the live tables are re-pointed at the new ones (plain views are replaced in place, so
     * views built on them are untouched; materialized views are recreated with their indexes). Sequences owned by
     * live columns stay in {@code public} and pass to the new columns. The old tables stay in {@code retired} until
     * the caller drops that schema.
     */
    static void swap(JdbcTemplate jdbc, String schema, String retired, List<String> tables) {
        tables.forEach(ShadowTables::requireReadTable);
        String relations = String.join(", ", tables.stream().map(t -> "'public." + t + "'::regclass").toList());
        List<Map<String, Object>> views = jdbc.queryForList("""
                SELECT DISTINCT v.oid, n.nspname AS schema, v.relname AS name, v.relkind AS kind,
                       pg_get_viewdef(v.oid) AS definition
                FROM pg_depend d
                JOIN pg_rewrite r ON r.oid = d.objid
                JOIN pg_class v ON v.oid = r.ev_class
                JOIN pg_namespace n ON n.oid = v.relnamespace
                WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid IN (%s) AND v.oid <> d.refobjid
                ORDER BY v.oid""".formatted(relations));
        List<String> viewIndexes = new ArrayList<>();
        for (Map<String, Object> view : views) {
            if (isMaterialized(view)) {
                viewIndexes.addAll(jdbc.queryForList("SELECT pg_get_indexdef(indexrelid) FROM pg_index "
                        + "WHERE indrelid = ?::regclass", String.class, qualified(view)));
                jdbc.execute("DROP MATERIALIZED VIEW " + qualified(view));
            }
        }
        List<String[]> sequences = new ArrayList<>();
        for (String table : tables) {
            for (Map<String, Object> owned : jdbc.queryForList("""
                    SELECT s.oid::regclass::text AS sequence, a.attname AS column
                    FROM pg_depend d
                    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                    WHERE d.refobjid = ?::regclass AND d.deptype = 'a'""", "public." + table)) {
                String sequence = (String) owned.get("sequence");
                jdbc.execute("ALTER SEQUENCE " + sequence + " OWNED BY NONE");
                sequences.add(new String[] {sequence, table, (String) owned.get("column")});
            }
        }
        jdbc.execute("CREATE SCHEMA " + safe(retired));
        for (String table : tables) {
            jdbc.execute("ALTER TABLE public." + table + " SET SCHEMA " + retired);
        }
        for (String table : tables) {
            jdbc.execute("ALTER TABLE " + schema + "." + table + " SET SCHEMA public");
        }
        for (String[] sequence : sequences) {
            jdbc.execute("ALTER SEQUENCE " + sequence[0] + " OWNED BY public." + sequence[1] + "." + quote(sequence[2]));
        }
        for (Map<String, Object> view : views) {
            String kind = isMaterialized(view) ? "MATERIALIZED VIEW " : "OR REPLACE VIEW ";
            jdbc.execute("CREATE " + kind + qualified(view) + " AS " + view.get("definition"));
        }
        viewIndexes.forEach(jdbc::execute);
    }

    static void drop(JdbcTemplate jdbc, String schema) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + safe(schema) + " CASCADE");
    }

    static boolean exists(JdbcTemplate jdbc, String schema) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", Boolean.class, schema));
    }

    private static boolean isMaterialized(Map<String, Object> view) {
        return "m".equals(String.valueOf(view.get("kind")));
    }

    private static String qualified(Map<String, Object> view) {
        return quote((String) view.get("schema")) + "." + quote((String) view.get("name"));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void requireReadTable(String table) {
        if (!ReadTables.ALL.contains(table) || !SAFE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("'" + table + "' is not a read table");
        }
    }

    static String safe(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unsafe schema name '" + name + "'");
        }
        return name;
    }
}
