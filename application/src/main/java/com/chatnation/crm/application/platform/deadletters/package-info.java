/**
 * Dead letters of the read-model projections: an event a projection cannot apply is parked with the later events
 * of its aggregate in Axon's JDBC sequenced dead-letter queue ({@code deadletterentry}) while every other event goes
 * on; the platform operator lists, retries and evicts them ({@code /admin/dead-letters}), and a gauge and the health
 * details count them.
 */
package com.chatnation.crm.application.platform.deadletters;
