/**
 * Kafka transport, switched on by bootstrap servers ({@code crm.kafka.bootstrap-servers}, the environment variable
 * {@code CRM_KAFKA_BOOTSTRAP_SERVERS}, or the plain {@code KAFKA_BOOTSTRAP_SERVERS}); without them none of these
 * beans exist and the service runs on PostgreSQL alone.
 *
 * <ul>
 *   <li>{@code crm.inbound}: accepted webhook items ({@link com.chatnation.crm.application.kafka.KafkaInboundQueue}),
 *       key = ordering key, value = {@link com.chatnation.crm.application.kafka.InboundEnvelopeJson}, headers
 *       {@code kind}, {@code organization-id}, {@code envelope-id};</li>
 *   <li>{@code crm.inbound.dlt}: inbound records that failed every attempt
 *       ({@link com.chatnation.crm.application.kafka.KafkaInboundConsumer}), original key, value and headers plus
 *       {@code dlt-error-class}, {@code dlt-error-message}, {@code dlt-original-topic},
 *       {@code dlt-original-partition}, {@code dlt-original-offset}, {@code dlt-attempts};</li>
 *   <li>{@code crm.domain-events}: every domain event ({@link com.chatnation.crm.application.kafka.DomainEventPublisher}),
 *       key = aggregate id, value = payload JSON, headers described in
 *       {@link com.chatnation.crm.application.kafka.DomainEventRecords}.</li>
 * </ul>
 * All settings: {@link com.chatnation.crm.application.kafka.CrmKafkaProperties}.
 */
package com.chatnation.crm.application.kafka;
