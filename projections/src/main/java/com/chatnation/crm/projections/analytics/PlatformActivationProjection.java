package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.domain.broadcast.BroadcastCreated;
import com.chatnation.crm.domain.broadcast.BroadcastStarted;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.hypecard.CardTemplateCreated;
import com.chatnation.crm.domain.knowledge.KnowledgeBaseCreated;
import com.chatnation.crm.domain.organization.OrganizationOnboarded;
import com.chatnation.crm.domain.poll.PollCreated;
import com.chatnation.crm.domain.program.ProgramCreated;
import com.chatnation.crm.domain.staff.DashboardActionTaken;
import com.chatnation.crm.domain.staff.DashboardPageViewed;
import com.chatnation.crm.domain.staff.StaffInvited;
import com.chatnation.crm.domain.staff.StaffJoined;
import com.chatnation.crm.domain.survey.SurveyPublished;
import com.chatnation.crm.domain.template.MessageTemplate;
import com.chatnation.crm.domain.template.MessageTemplateImported;
import com.chatnation.crm.domain.template.MessageTemplateStatusChanged;
import com.chatnation.crm.domain.template.MessageTemplateSubmitted;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.projections.audit.AuditMetaData;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * The platform's own activation funnel over its customers, the organizations: {@code platform_activation} keeps
 * per organization the time of each first step (onboarded, first conversation, first survey or flow published,
 * first template approved, first broadcast sent, first team member invited, first paid token purchase, first
 * activity 30 days or more after onboarding), {@code platform_feature_items} the distinct things it made or did
 * per feature, {@code platform_page_views} its staff's dashboard page views and {@code platform_staff_actions} what
 * its staff did (one row per action event, keyed by the event's id).
 *
 * <p>Every write keeps the earliest time ({@code LEAST}), the latest ({@code GREATEST}) or inserts a natural key
 * with {@code ON CONFLICT DO NOTHING}, so a redelivered event changes nothing and a rebuild, which applies the
 * same events in the same order, writes the same rows. Counters are counted from the item rows at query time
 * rather than incremented, for the same reason. A conversation counts once per session
 * ({@link ConversationStarted}), not per message: the funnel needs the first and the latest activity, and a write
 * per message would update the organization's row with every message the service takes.
 */
@Component
@ProcessingGroup(PlatformActivationProjection.GROUP)
public class PlatformActivationProjection {

    public static final String GROUP = "analytics-platform";
    public static final List<String> TABLES = List.of("platform_activation", "platform_feature_items",
            "platform_page_views", "platform_staff_actions");

    /** Feature names of {@code platform_feature_items}. */
    public static final String TEMPLATES = "templates";
    public static final String TEMPLATES_APPROVED = "templates_approved";
    public static final String BROADCASTS = "broadcasts";
    public static final String BROADCASTS_SENT = "broadcasts_sent";
    public static final String MEMBERS_INVITED = "members_invited";
    public static final String MEMBERS_JOINED = "members_joined";
    public static final String SURVEYS = "surveys";
    public static final String PROGRAMS = "programs";
    public static final String POLLS = "polls";
    public static final String KNOWLEDGE_BASES = "knowledge_bases";
    public static final String HYPECARD_TEMPLATES = "hypecard_templates";
    public static final String TOKEN_PURCHASES = "token_purchases";

    /** An invitation counts as the team growing when a member of the organization (or its key) sent it. */
    private static final Set<String> ORGANIZATION_ACTORS = Set.of(AuditMetaData.USER, AuditMetaData.API_KEY);

    private final JdbcTemplate jdbc;

    public PlatformActivationProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationOnboarded event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO platform_activation (organization_id, name, onboarded_at) VALUES (?, ?, ?)
                        ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name,
                            onboarded_at = LEAST(platform_activation.onboarded_at, excluded.onboarded_at)""",
                event.organizationId(), event.name(), utc(at));
    }

    @EventHandler
    void on(ConversationStarted event, @Timestamp Instant at) {
        step(event.organizationId(), "first_conversation_at", at);
        activity(event.organizationId(), at);
    }

    @EventHandler
    void on(SurveyPublished event, @Timestamp Instant at) {
        item(event.organizationId(), SURVEYS, event.surveyId(), at);
        step(event.organizationId(), "first_flow_published_at", at);
    }

    @EventHandler
    void on(ProgramCreated event, @Timestamp Instant at) {
        item(event.organizationId(), PROGRAMS, event.programId(), at);
        step(event.organizationId(), "first_flow_published_at", at);
    }

    @EventHandler
    void on(PollCreated event, @Timestamp Instant at) {
        item(event.organizationId(), POLLS, event.pollId(), at);
        step(event.organizationId(), "first_flow_published_at", at);
    }

    @EventHandler
    void on(KnowledgeBaseCreated event, @Timestamp Instant at) {
        item(event.organizationId(), KNOWLEDGE_BASES, event.knowledgeBaseId(), at);
    }

    @EventHandler
    void on(CardTemplateCreated event, @Timestamp Instant at) {
        item(event.organizationId(), HYPECARD_TEMPLATES, event.templateId(), at);
    }

    @EventHandler
    void on(MessageTemplateSubmitted event, @Timestamp Instant at) {
        template(event.organizationId(), event.templateId(), event.status(), at);
    }

    @EventHandler
    void on(MessageTemplateImported event, @Timestamp Instant at) {
        template(event.organizationId(), event.templateId(), event.status(), at);
    }

    @EventHandler
    void on(MessageTemplateStatusChanged event, @Timestamp Instant at) {
        approved(event.organizationId(), event.templateId(), event.status(), at);
    }

    private void template(String organizationId, String templateId, String status, Instant at) {
        item(organizationId, TEMPLATES, templateId, at);
        approved(organizationId, templateId, status, at);
    }

    private void approved(String organizationId, String templateId, String status, Instant at) {
        if (MessageTemplate.APPROVED.equals(status)) {
            item(organizationId, TEMPLATES_APPROVED, templateId, at);
            step(organizationId, "first_template_approved_at", at);
        }
    }

    @EventHandler
    void on(BroadcastCreated event, @Timestamp Instant at) {
        item(event.organizationId(), BROADCASTS, event.broadcastId(), at);
    }

    @EventHandler
    void on(BroadcastStarted event, @Timestamp Instant at) {
        item(event.organizationId(), BROADCASTS_SENT, event.broadcastId(), at);
        step(event.organizationId(), "first_broadcast_sent_at", at);
    }

    /**
     * The owner the platform invites at onboarding (and any owner it invites later) is not the team growing: only
     * invitations a member of the organization sent count, read from the actor the command carried.
     */
    @EventHandler
    void on(StaffInvited event, @Timestamp Instant at, @MetaDataValue(AuditMetaData.ACTOR_TYPE) String actorType) {
        if (actorType != null && ORGANIZATION_ACTORS.contains(actorType)) {
            item(event.organizationId(), MEMBERS_INVITED, event.userId(), at);
            step(event.organizationId(), "first_member_invited_at", at);
            activity(event.organizationId(), at);
        }
    }

    @EventHandler
    void on(StaffJoined event, @Timestamp Instant at) {
        item(event.organizationId(), MEMBERS_JOINED, event.userId(), at);
        activity(event.organizationId(), at);
    }

    /**
     * Only a purchase that was paid credits a wallet: the platform credits it once the payment reached it
     * ({@code /admin/organizations/{id}/wallet/purchases}) and an M-Pesa top-up credits it when the payment
     * settles. {@code TokensPurchased} is therefore the one event of a paid purchase, whichever way it was paid;
     * counting {@code PaymentSettled} as well would count an M-Pesa top-up twice.
     */
    @EventHandler
    void on(TokensPurchased event, @Timestamp Instant at) {
        item(event.organizationId(), TOKEN_PURCHASES, event.paymentReference(), at);
        step(event.organizationId(), "first_purchase_paid_at", at);
    }

    @EventHandler
    void on(DashboardPageViewed event) {
        Instant minute = event.at().truncatedTo(ChronoUnit.MINUTES);
        jdbc.update("""
                        INSERT INTO platform_page_views (organization_id, staff_id, page, minute) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                event.organizationId(), event.staffId(), event.page(), utc(minute));
        activity(event.organizationId(), minute);
    }

    /**
     * Every action is its own event (no throttling), so the event's id is the row's key: two identical actions in
     * the same millisecond stay two rows, and a redelivered one stays one.
     */
    @EventHandler
    void on(DashboardActionTaken event, @MessageIdentifier String eventId) {
        jdbc.update("""
                        INSERT INTO platform_staff_actions (event_id, organization_id, staff_id, action, at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                eventId, event.organizationId(), event.staffId(), event.action(), utc(event.at()));
        activity(event.organizationId(), event.at());
    }

    private void step(String organizationId, String column, Instant at) {
        // the column is one of this class's constants, never input
        jdbc.update("INSERT INTO platform_activation (organization_id, " + column + ") VALUES (?, ?) "
                        + "ON CONFLICT (organization_id) DO UPDATE SET " + column + " = LEAST(platform_activation."
                        + column + ", excluded." + column + ")",
                organizationId, utc(at));
    }

    private void activity(String organizationId, Instant at) {
        jdbc.update("""
                        INSERT INTO platform_activation (organization_id, last_activity_at) VALUES (?, ?)
                        ON CONFLICT (organization_id) DO UPDATE SET
                            last_activity_at = GREATEST(platform_activation.last_activity_at, excluded.last_activity_at),
                            active_after_30_days_at = LEAST(platform_activation.active_after_30_days_at,
                                CASE WHEN excluded.last_activity_at >= platform_activation.onboarded_at + INTERVAL '30 days'
                                     THEN excluded.last_activity_at END)""",
                organizationId, utc(at));
    }

    private void item(String organizationId, String feature, String itemId, Instant at) {
        jdbc.update("""
                        INSERT INTO platform_feature_items (organization_id, feature, item_id, first_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                organizationId, feature, itemId, utc(at));
    }
}
