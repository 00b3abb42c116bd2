/**
 * Replaying history: rebuilding read models without downtime, republishing events to Kafka, and reading events
 * written in older shapes.
 *
 * <h2>Rebuilding a projection</h2>
 * {@link com.chatnation.crm.application.platform.replay.ProjectionRebuild} rebuilds one processing group (or all of them in
 * one pass) into copies of its tables in a schema {@code rebuild_<group>}, feeding fresh instances of the group's
 * projections from the event store while the live processors keep serving the current tables. When caught up it
 * stops the group's live processors, applies the short tail and, in one transaction, moves the live tables to a
 * retired schema, moves the copies into {@code public} (with the migrations' index and constraint names; views over
 * the tables are re-pointed) and sets the processors' tokens to the rebuild's position. The processors then resume
 * on the new tables. Cancelling or failing before the swap drops the copies and changes nothing live.
 *
 * <ul>
 *   <li>{@code POST /admin/replay/{group|all}} starts, {@code GET /admin/replay/{group|all}} reports progress
 *       (processed, total, events per second, ETA), {@code DELETE /admin/replay/{group|all}} cancels, and
 *       {@code GET /admin/replay/{group|all}/checksums} gives an MD5 of each table's ordered content, to compare
 *       rebuilds with each other and with the live tables;</li>
 *   <li>{@code java -jar application.jar --replay=<group>|all} runs the rebuild without a web server and exits with
 *       0 when the rebuilt tables are live (1 on failure, 2 for an unknown group).</li>
 * </ul>
 * Handlers with side effects ({@code @DisallowReplay}: WhatsApp replies and wallet debits, Kafka publishing) are never
 * part of a rebuild: their groups own no read tables, cannot be named, and Axon refuses to reset them.
 *
 * <h2>Republishing history</h2>
 * {@link com.chatnation.crm.application.platform.replay.HistoryRepublisher} ({@code POST /admin/replay/republish} with
 * {@code topic}, optional {@code organizationId} and {@code from}) writes stored events to a Kafka topic in the
 * domain events format, keyed by aggregate, at least once.
 *
 * <h2>Evolving events</h2>
 * {@link com.chatnation.crm.application.billing.TokenDebitedUpcaster} turns {@code TokenDebited} revision 1 into
 * revision 2 whenever history is read; the stored rows are never rewritten.
 *
 * <p>Settings: {@code crm.replay.batch-size}, {@code crm.replay.log-interval}, {@code crm.replay.catch-up-lag},
 * {@code crm.replay.claim-timeout}; snapshots: {@code crm.snapshots.threshold}.
 */
package com.chatnation.crm.application.platform.replay;
