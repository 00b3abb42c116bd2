package com.chatnation.crm.projections.support;

import com.chatnation.crm.projections.ReadTables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers over the read tables. */
public final class Tables {

    private Tables() {
    }

    /** The ObjectMapper as Spring Boot configures it. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static void clear(JdbcTemplate jdbc) {
        ReadTables.truncate(jdbc, ReadTables.ALL);
    }

    /** Every row of the tables as JSON text, in a stable order. */
    public static Map<String, List<String>> snapshot(JdbcTemplate jdbc, List<String> tables) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, jdbc.queryForList(
                    "SELECT row_to_json(t)::jsonb::text AS r FROM " + table + " t ORDER BY 1", String.class));
        }
        return rows;
    }

    public static Map<String, String> checksums(JdbcTemplate jdbc, List<String> tables) {
        Map<String, String> sums = new LinkedHashMap<>();
        tables.forEach(table -> sums.put(table, ReadTables.checksum(jdbc, table)));
        return sums;
    }
}
