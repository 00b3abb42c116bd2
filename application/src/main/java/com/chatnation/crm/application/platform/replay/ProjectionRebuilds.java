package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.projections.ReadTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, tracks and cancels {@link ProjectionRebuild}s. A rebuild is named after its processing group, or
 * {@value #ALL} for every replayable group at once (one pass over the history feeds them all); a group takes part
 * in at most one running rebuild.
 */
@Service
class ProjectionRebuilds implements SmartLifecycle {

    public static final String ALL = "all";
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final ApplicationContext applicationContext;
    private final org.axonframework.config.Configuration axon;
    private final Map<String, ProjectionRebuild> latest = new LinkedHashMap<>();
    private final TaskExecutor workers;
    private final ProjectionRebuild.RebuildContext context;
    private volatile boolean running;

    public ProjectionRebuilds(ApplicationContext applicationContext, org.axonframework.config.Configuration axon,
                              JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
                              EventStorageEngine engine, EventProcessingConfiguration processing,
                              TokenStore tokenStore, ReplayProperties properties, ProcessorPauses pauses,
                              @Qualifier("projectionRebuildExecutor") TaskExecutor workers) {
        this.applicationContext = applicationContext;
        this.axon = axon;
        this.workers = workers;
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        this.context = new ProjectionRebuild.RebuildContext() {
            public JdbcTemplate jdbc() { return jdbc; }
            public DataSource dataSource() { return dataSource; }
            public TransactionTemplate transactions() { return transactions; }
            public EventStorageEngine engine() { return engine; }
            public EventProcessingConfiguration processing() { return processing; }
            public TokenStore tokenStore() { return tokenStore; }
            public ReplayProperties properties() { return properties; }
            public ProcessorPauses pauses() { return pauses; }
            public List<AnnotationEventHandlerAdapter> handlersFor(List<String> groups, JdbcTemplate shadow) {
                return ProjectionRebuilds.this.handlersFor(groups, shadow);
            }
            public boolean stopping() { return !running; }
        };
    }

    /** The processing groups that can be rebuilt. */
    public List<String> groups() {
        return List.copyOf(ReadTables.BY_GROUP.keySet());
    }

    /** Starts rebuilding a group, or {@value #ALL}; fails with {@link RebuildConflict} when one is already running. */
    public synchronized ProjectionRebuild start(String name) {
        List<String> groups = resolve(name);
        for (ProjectionRebuild other : latest.values()) {
            if (other.isActive() && other.groups().stream().anyMatch(groups::contains)) {
                throw new RebuildConflict("rebuild '" + other.id() + "' of " + other.groups() + " is still running");
            }
        }
        handlersFor(groups, null); // fails fast for a group without a rebuildable projection
        ProjectionRebuild rebuild = new ProjectionRebuild(name, groups, context);
        latest.put(name, rebuild);
        workers.execute(rebuild::run);
        return rebuild;
    }

    public synchronized Optional<ProjectionRebuild> find(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    public synchronized List<ProjectionRebuild> all() {
        return List.copyOf(latest.values());
    }

    /** The read tables a rebuild of {@code name} writes. */
    public List<String> tablesOf(String name) {
        return resolve(name).stream().flatMap(group -> ReadTables.tablesOf(group).stream()).toList();
    }

    public List<String> resolve(String name) {
        if (ALL.equals(name)) {
            return groups();
        }
        if (!ReadTables.BY_GROUP.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a rebuildable processing group; known: "
                    + groups() + " or " + ALL);
        }
        return List.of(name);
    }

    /**
     * New instances of the projections of the given groups, constructed like their beans except that JDBC access
     * goes through {@code shadow}; the adapters use Axon's parameter resolvers and handler enhancers, so
     * {@code @DisallowReplay} and the like behave as in a processor.
     */
    List<AnnotationEventHandlerAdapter> handlersFor(List<String> groups, JdbcTemplate shadow) {
        List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
        for (String group : groups) {
            List<Class<?>> types = applicationContext.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                    .<Class<?>>map(AopUtils::getTargetClass)
                    .filter(type -> group.equals(groupOf(type)))
                    .distinct()
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
            if (types.isEmpty()) {
                throw new IllegalArgumentException("no projection handles processing group '" + group + "'");
            }
            for (Class<?> type : types) {
                if (AnnotatedElementUtils.hasAnnotation(type, DisallowReplay.class)) {
                    throw new IllegalArgumentException(type.getSimpleName() + " in '" + group
                            + "' must not be replayed");
                }
                if (shadow != null) {
                    adapters.add(new AnnotationEventHandlerAdapter(instantiate(type, shadow),
                            axon.parameterResolverFactory(), axon.handlerDefinition(type)));
                }
            }
        }
        return adapters;
    }

    private static String groupOf(Class<?> type) {
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
        return group == null ? null : group.value();
    }

    private Object instantiate(Class<?> type, JdbcTemplate shadow) {
        Constructor<?> constructor = Arrays.stream(type.getDeclaredConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow();
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(parameter -> argument(parameter, shadow))
                .toArray();
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + type.getName() + " for a rebuild", e);
        }
    }

    private Object argument(Class<?> parameter, JdbcTemplate shadow) {
        if (parameter.isAssignableFrom(JdbcTemplate.class) && JdbcOperations.class.isAssignableFrom(parameter)) {
            return shadow;
        }
        if (NamedParameterJdbcOperations.class.isAssignableFrom(parameter)) {
            return new NamedParameterJdbcTemplate(shadow);
        }
        if (DataSource.class.isAssignableFrom(parameter)) {
            return shadow.getDataSource();
        }
        return applicationContext.getBean(parameter);
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Cancels running rebuilds before the event processors stop, leaving the live tables as they are; their threads
     * ({@code projectionRebuildExecutor}) are awaited again when it shuts down.
     */
    @Override
    public void stop() {
        running = false;
        List<ProjectionRebuild> active = all().stream().filter(ProjectionRebuild::isActive).toList();
        active.forEach(ProjectionRebuild::cancel);
        for (ProjectionRebuild rebuild : active) {
            try {
                if (!rebuild.await(Duration.ofSeconds(60))) {
                    log.warn("Rebuild {} did not stop in time", rebuild.id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** A rebuild of the same group is already running. */
    public static class RebuildConflict extends RuntimeException {
        public RebuildConflict(String message) {
            super(message);
        }
    }
}
