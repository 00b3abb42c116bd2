package com.chatnation.crm.projections.jdbc;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code JdbcTemplate} a read-model projection writes through. The service binds it to one that queues a
 * processor's writes and sends them as JDBC batches when the processor's transaction commits; a rebuild hands the
 * projections its own. Either way, handlers keep the rules in this package's documentation.
 */
@Qualifier
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadModelJdbc {
}
