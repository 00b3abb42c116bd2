package com.chatnation.crm.projections.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small conversions shared by the CRM projections. */
public final class ReadModelSupport {

    private ReadModelSupport() {
    }

    /** An instant as a JDBC-friendly UTC timestamp; null stays null. */
    public static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** A value as JSON text for a {@code ?::jsonb} parameter, written as the given (possibly polymorphic) type. */
    public static String json(ObjectMapper mapper, Class<?> type, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + type.getSimpleName() + " as JSON", e);
        }
    }

    public static String json(ObjectMapper mapper, Object value) {
        return value == null ? null : json(mapper, value.getClass(), value);
    }
}
