/**
 * Read models built from the event store: the CRM tables ({@code crm}), the analytics ({@code analytics}) and the
 * queries dashboards run on them ({@code queries}).
 *
 * <p>Rules every projection handler keeps, because the live processors and a rebuild both rely on them:
 * <ul>
 *   <li>It is idempotent: an event applied twice changes nothing (natural keys, {@code ON CONFLICT}, and the
 *       stream's sequence number kept on the row as a guard).</li>
 *   <li>It writes only the tables its processing group owns in {@link com.chatnation.crm.projections.ReadTables},
 *       through the {@code JdbcTemplate} it is given ({@code @ReadModelJdbc}), naming them unqualified: a rebuild hands it a template whose
 *       {@code search_path} points at copies of those tables.</li>
 *   <li>It never branches on the count an {@code update} returns: the live processors and a rebuild queue writes
 *       and send them in JDBC batches (see {@link com.chatnation.crm.projections.jdbc.ReadModelJdbc}), so the count is
 *       not known when the handler runs. Conditions belong in the statement itself.</li>
 * </ul>
 */
package com.chatnation.crm.projections;
