/**
 * Kafka transport on Spring Kafka, switched on by {@code spring.kafka.bootstrap-servers} ({@code KAFKA_BOOTSTRAP_SERVERS}
 * in {@code application.yml}); without it none of these beans, and none of Spring Boot's Kafka beans, exist and the
 * service runs on PostgreSQL alone. It depends on the features it carries ({@code ingestion}), never the reverse.
 *
 * <ul>
 *   <li>{@code crm.inbound}: accepted webhook items ({@link com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundQueue}),
 *       key = ordering key, value = {@link com.chatnation.crm.application.conversations.ingestion.kafka.InboundEnvelopeJson}, headers
 *       {@code kind}, {@code organization-id}, {@code envelope-id}; consumed by
 *       {@link com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundListener};</li>
 *   <li>{@code crm.inbound.dlt}: inbound records that failed every attempt, with their key, value and headers plus
 *       Spring Kafka's {@code kafka_dlt-exception-*}, {@code kafka_dlt-original-*} and {@code kafka_deliveryAttempt}
 *       (see {@link com.chatnation.crm.application.platform.kafka.KafkaConfiguration});</li>
 *   <li>{@code crm.domain-events}: every domain event ({@link com.chatnation.crm.application.platform.kafka.DomainEventPublisher}),
 *       key = aggregate id, value = payload JSON, headers described in
 *       {@link com.chatnation.crm.application.platform.kafka.DomainEventRecords}.</li>
 * </ul>
 * Settings: Spring Boot's {@code spring.kafka.*}, plus {@link com.chatnation.crm.application.platform.kafka.CrmKafkaProperties}.
 */
package com.chatnation.crm.application.platform.kafka;
