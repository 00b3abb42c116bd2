package com.chatnation.crm.application.platform.axon;

import com.chatnation.crm.application.platform.security.ActorMetadata;
import com.chatnation.crm.domain.contact.ContactProfile;
import com.chatnation.crm.domain.conversation.Conversation;
import com.chatnation.crm.domain.organization.Organization;
import com.chatnation.crm.domain.template.MessageTemplate;
import com.chatnation.crm.domain.staff.Team;
import com.chatnation.crm.domain.hypecard.CardTemplate;
import com.chatnation.crm.domain.hypecard.HypeCard;
import com.chatnation.crm.domain.program.Program;
import com.chatnation.crm.domain.program.ProgramSubscription;
import com.chatnation.crm.domain.knowledge.KnowledgeBase;
import com.chatnation.crm.domain.knowledge.KnowledgeQuery;
import com.chatnation.crm.domain.poll.Poll;
import com.chatnation.crm.domain.survey.Survey;
import com.chatnation.crm.domain.survey.SurveyResponse;
import com.chatnation.crm.domain.ticketing.TicketAdmission;
import com.chatnation.crm.domain.agenda.Agenda;
import com.chatnation.crm.domain.agenda.SessionReminder;
import com.chatnation.crm.domain.agenda.Speaker;
import com.chatnation.crm.domain.agenda.Venue;
import com.chatnation.crm.domain.exhibitor.Exhibitor;
import com.chatnation.crm.domain.exhibitor.Lead;
import com.chatnation.crm.domain.payment.Payment;
import com.chatnation.crm.domain.ticketing.TicketedEvent;
import com.chatnation.crm.domain.wallet.Wallet;
import com.chatnation.crm.projections.organizations.OrganizationDirectoryProjection;
import com.chatnation.crm.projections.staff.StaffDirectoryProjection;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import com.chatnation.crm.application.platform.privacy.EventJson;
import com.chatnation.crm.domain.broadcast.Broadcast;
import com.chatnation.crm.domain.broadcast.BroadcastRecipient;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;

/**
 * Axon wiring that Spring Boot's auto-configuration does not infer: aggregates live in the Spring-free
 * domain module (so they are registered here rather than by annotation), and command dispatch retries
 * optimistic-lock conflicts between instances instead of surfacing them.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Wallets and conversations live for years and collect thousands of events, so each is snapshotted after
     * {@code crm.snapshots.threshold} events loaded or applied since its last snapshot; loading then reads the
     * snapshot plus the events after it. Every aggregate finds its commands' targets through
     * {@link CachedCommandTargets}.
     */
    @Bean
    ConfigurerModule aggregates(AxonProperties properties, Cache aggregateCache) {
        int snapshotThreshold = properties.snapshots().threshold();
        return configurer -> configurer
                .registerComponent(CommandTargetResolver.class, c -> new CachedCommandTargets())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Wallet.class)
                        .configureCache(c -> aggregateCache)
                        .configureSnapshotTrigger(c -> snapshotTrigger(c, snapshotThreshold)))
                .configureAggregate(Organization.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Conversation.class)
                        .configureCache(c -> aggregateCache)
                        .configureSnapshotTrigger(c -> snapshotTrigger(c, snapshotThreshold)))
                .configureAggregate(Survey.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(SurveyResponse.class)
                        .configureCache(c -> aggregateCache))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(TicketedEvent.class)
                        .configureCache(c -> aggregateCache))
                .configureAggregate(TicketAdmission.class)
                .configureAggregate(Agenda.class)
                .configureAggregate(Speaker.class)
                .configureAggregate(Venue.class)
                .configureAggregate(SessionReminder.class)
                .configureAggregate(Exhibitor.class)
                .configureAggregate(Lead.class)
                .configureAggregate(Payment.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Poll.class)
                        .configureCache(c -> aggregateCache))
                .configureAggregate(KnowledgeBase.class)
                .configureAggregate(CardTemplate.class)
                .configureAggregate(HypeCard.class)
                .configureAggregate(Program.class)
                .configureAggregate(ProgramSubscription.class)
                .configureAggregate(KnowledgeQuery.class)
                .configureAggregate(Team.class)
                .configureAggregate(Broadcast.class)
                .configureAggregate(BroadcastRecipient.class)
                .configureAggregate(MessageTemplate.class)
                .configureAggregate(ContactProfile.class);
    }

    /**
     * Busy aggregates (a contact's conversation, an organization's wallet) are used on every message; keeping
     * them in memory saves re-reading their events each time. The cache only ever speeds things up: another
     * instance writing to the same aggregate makes the append conflict, the failed unit of work evicts the
     * entry, and the retry loads the aggregate afresh. At most {@code crm.aggregates.cache-size} aggregates are
     * kept, the least used leaving first.
     */
    @Bean
    Cache aggregateCache(AxonProperties properties) {
        return new BoundedAggregateCache(properties.aggregates().cacheSize());
    }

    private static SnapshotTriggerDefinition snapshotTrigger(org.axonframework.config.Configuration configuration,
                                                             int threshold) {
        if (threshold <= 0) {
            return NoSnapshotTriggerDefinition.INSTANCE;
        }
        Snapshotter snapshotter = configuration.getComponent(SnapshotsSnapshotter.class,
                () -> new SnapshotsSnapshotter(AggregateSnapshotter.builder()
                        .eventStore(configuration.eventStore())
                        .aggregateFactories(aggregateFactory(configuration, Wallet.class),
                                aggregateFactory(configuration, Conversation.class))
                        .transactionManager(configuration.getComponent(TransactionManager.class))
                        .parameterResolverFactory(configuration.parameterResolverFactory())
                        .handlerDefinition(configuration.handlerDefinition(Wallet.class))
                        .build()));
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Inspected with the application's parameter resolvers: the aggregates' command handlers take Spring beans
     * (the survey and event catalogs) as parameters, which Axon's classpath-only default cannot resolve.
     */
    private static <T> GenericAggregateFactory<T> aggregateFactory(org.axonframework.config.Configuration configuration,
                                                                   Class<T> type) {
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(type,
                configuration.parameterResolverFactory(), configuration.handlerDefinition(type)));
    }

    /** The one snapshotter shared by the snapshotted aggregates (a type of its own, to find it as a component). */
    static final class SnapshotsSnapshotter implements Snapshotter {
        private final Snapshotter delegate;

        SnapshotsSnapshotter(Snapshotter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
            delegate.scheduleSnapshot(aggregateType, aggregateIdentifier);
        }
    }

    /**
     * Axon's JDBC event storage, as Spring Boot would configure it, except that snapshots get a serializer of
     * their own: aggregates keep their state in private fields without accessors, so snapshots are written field
     * by field (and only snapshots: events and tokens keep the general serializers).
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer, EventJson eventJson,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          ObjectProvider<EventSchema> eventSchema, ObjectMapper objectMapper) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer(eventJson.mapper()))
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema.getIfAvailable(EventSchema::new))
                .build();
    }

    /**
     * Events are written with the history mapper ({@link EventJson}), which seals a contact's personal data; the
     * rest of Axon's serializers (tokens, sagas, deadlines) keep the application's mapper.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(EventJson eventJson) {
        return JacksonSerializer.builder().objectMapper(eventJson.mapper()).build();
    }

    /** Reads and writes aggregates through their fields only, ignoring accessors. */
    public static Serializer snapshotSerializer(ObjectMapper objectMapper) {
        ObjectMapper fields = objectMapper.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    /**
     * The organization and staff directories and the command catalogs run inside the commands' transactions
     * (subscribing processors: the directories enforce unique WhatsApp numbers and staff logins and make a
     * deactivation or a revoked key take effect at once, the catalogs answer the next command at once), so
     * their errors must fail the command rather than be logged and skipped. They are handed only the events they
     * handle ({@link RelevantEventsOnly}).
     */
    @Bean
    ConfigurerModule synchronousProcessors() {
        return configurer -> {
            for (String group : List.of(OrganizationDirectoryProjection.GROUP, StaffDirectoryProjection.GROUP,
                    CommandCatalogs.GROUP)) {
                configurer.eventProcessing()
                        .registerSubscribingEventProcessor(group, c -> new RelevantEventsOnly(c.eventBus(),
                                type -> c.eventProcessingConfiguration().eventProcessor(group, AbstractEventProcessor.class)
                                        .map(processor -> processor.eventHandlerInvoker().canHandleType(type))
                                        .orElse(true)))
                        .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
            }
        };
    }

    /**
     * Axon's default JDBC resolver only recognises {@code SQLIntegrityConstraintViolationException}, which the
     * PostgreSQL driver never throws; without this, two instances appending to one aggregate would surface as
     * an opaque storage error instead of a retryable conflict. 23505 is PostgreSQL's unique_violation.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Axon's default JDBC connection provider commits its connection when the unit of work commits, even when
     * that connection belongs to a surrounding Spring transaction. Taking connections straight from Spring
     * lets several commands (onboarding an organization and opening its wallet, say) commit or roll back as one.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Commands sent while serving a request carry their actor ({@link ActorMetadata}) for the audit log; a command
     * that loses a write race is re-dispatched ({@link RetryPolicies#COMMAND_CONFLICT}).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, RetryScheduler conflictRetryScheduler) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(conflictRetryScheduler)
                .dispatchInterceptors(new ActorMetadata())
                .build();
    }
}
