package com.chatnation.crm.projections.crm.templates;

import com.chatnation.crm.domain.template.MessageTemplateCategoryChanged;
import com.chatnation.crm.domain.template.MessageTemplateDeleted;
import com.chatnation.crm.domain.template.MessageTemplateId;
import com.chatnation.crm.domain.template.MessageTemplateImported;
import com.chatnation.crm.domain.template.MessageTemplateStatusChanged;
import com.chatnation.crm.domain.template.MessageTemplateSubmitted;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.domain.template.TemplateExample;
import com.chatnation.crm.projections.ReadTables;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesProjectionTest {

    private static final String ORG = "org-1";
    private static final String REMINDER = MessageTemplateId.of(ORG, "reminder", "en");
    private static final String PROMO = MessageTemplateId.of(ORG, "promo", "sw");
    private static final TemplateContent CONTENT = new TemplateContent(null, "Hi {{first_name}}, see you soon.",
            List.of(new TemplateExample("first_name", "Amina")), null, null);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final TemplateQueries queries = new TemplateQueries(new NamedParameterJdbcTemplate(jdbc), Tables.objectMapper());
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new TemplatesProjection(jdbc, Tables.objectMapper()));
    }

    private static History history() {
        return new History()
                .add(REMINDER, new MessageTemplateSubmitted(REMINDER, ORG, "reminder", "en", TemplateCategory.UTILITY,
                        CONTENT, "11", "PENDING"))
                .add(PROMO, new MessageTemplateImported(PROMO, ORG, "promo", "sw", TemplateCategory.MARKETING,
                        new TemplateContent(null, "Offer", null, null, null), "12", "APPROVED", null))
                .add(REMINDER, new MessageTemplateStatusChanged(REMINDER, ORG, "REJECTED", "PENDING", "INVALID_FORMAT"))
                .add(REMINDER, new MessageTemplateStatusChanged(REMINDER, ORG, "APPROVED", "REJECTED", null))
                .add(REMINDER, new MessageTemplateCategoryChanged(REMINDER, ORG, TemplateCategory.MARKETING,
                        TemplateCategory.UTILITY))
                .add(PROMO, new MessageTemplateDeleted(PROMO, ORG));
    }

    @Test
    void aTemplatesRowFollowsItsStatusCategoryAndDeletion() {
        projector.apply(history().events());

        TemplateQueries.TemplateRow reminder = queries.template(ORG, REMINDER).orElseThrow();
        assertThat(reminder.status()).isEqualTo("APPROVED");
        assertThat(reminder.statusReason()).isNull();
        assertThat(reminder.category()).isEqualTo("MARKETING");
        assertThat(reminder.previousCategory()).isEqualTo("UTILITY");
        assertThat(reminder.parameterFormat()).isEqualTo("NAMED");
        assertThat(reminder.content()).isEqualTo(CONTENT);
        assertThat(reminder.source()).isEqualTo("created");
        TemplateQueries.TemplateRow promo = queries.template(ORG, PROMO).orElseThrow();
        assertThat(promo.status()).isEqualTo("DELETED");
        assertThat(promo.deletedAt()).isNotNull();
        assertThat(promo.source()).isEqualTo("imported");
        assertThat(queries.template("org-2", REMINDER)).as("another organization's").isEmpty();
        assertThat(queries.template(ORG, "not-a-uuid")).isEmpty();

        assertThat(queries.templates(ORG, "APPROVED", null, 10).items()).extracting(TemplateQueries.TemplateRow::name)
                .containsExactly("reminder");
        Page<TemplateQueries.TemplateRow> first = queries.templates(ORG, null, null, 1);
        assertThat(first.items()).extracting(TemplateQueries.TemplateRow::name).containsExactly("promo");
        assertThat(queries.templates(ORG, null, Cursor.decode(first.nextCursor()), 1).items())
                .extracting(TemplateQueries.TemplateRow::name).containsExactly("reminder");
    }

    @Test
    void templatesAreFoundByNameInEveryLanguageButNotOnceDeleted() {
        String reminderSw = MessageTemplateId.of(ORG, "reminder", "sw");
        projector.apply(history().add(reminderSw, new MessageTemplateImported(reminderSw, ORG, "reminder", "sw",
                TemplateCategory.UTILITY, CONTENT, "13", "APPROVED", null)).events());

        assertThat(queries.named(ORG, "reminder")).extracting(TemplateQueries.TemplateRow::language)
                .containsExactly("en", "sw");
        assertThat(queries.named(ORG, "promo")).as("deleted").isEmpty();
        assertThat(queries.named("org-2", "reminder")).as("another organization's").isEmpty();
    }

    @Test
    void replayingTheHistoryGivesTheSameTableAndTheGroupIsRebuilt() {
        projector.apply(history().events());
        String once = ReadTables.checksum(jdbc, "message_templates");
        projector.apply(history().events());
        assertThat(ReadTables.checksum(jdbc, "message_templates")).isEqualTo(once);
        assertThat(ReadTables.tablesOf(TemplatesProjection.GROUP)).containsExactly("message_templates");
    }

    @Test
    void aTemplateSubmittedAgainAfterItsDeletionTakesTheRowOver() {
        History history = history();
        projector.apply(history.events());
        projector.apply(new History().add(PROMO, new MessageTemplateSubmitted(PROMO, ORG, "promo", "sw",
                TemplateCategory.MARKETING, CONTENT, "99", "PENDING")).events());
        TemplateQueries.TemplateRow promo = queries.template(ORG, PROMO).orElseThrow();
        assertThat(promo.status()).isEqualTo("PENDING");
        assertThat(promo.deletedAt()).isNull();
        assertThat(promo.metaTemplateId()).isEqualTo("99");
    }
}
