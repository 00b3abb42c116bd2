package com.chatnation.crm.projections.crm.hypecards;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.hypecard.CardFailed;
import com.chatnation.crm.domain.hypecard.CardGenerated;
import com.chatnation.crm.domain.hypecard.CardLayout;
import com.chatnation.crm.domain.hypecard.CardRequested;
import com.chatnation.crm.domain.hypecard.CardShared;
import com.chatnation.crm.domain.hypecard.CardTemplateCreated;
import com.chatnation.crm.projections.ReadTables;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.queries.HypeCardQueries;
import com.chatnation.crm.projections.queries.HypeCardQueries.CardRow;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cards as {@code generated_cards} keeps them over a scripted history: Ann's card drawn and shared twice, Ben's given
 * up on, Cee's drawn and then Cee erased.
 */
class HypeCardsProjectionTest {

    private static final String ORG = "org-cards";
    private static final String TEMPLATE = "template-1";
    private static final List<String> TABLES = HypeCardsProjection.TABLES;
    private static final Instant T0 = History.START;
    private static final String ANN = TestContacts.id("+254712000011");
    private static final String BEN = TestContacts.id("+254712000012");
    private static final String CEE = TestContacts.id("+254712000013");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ObjectMapper json = Tables.objectMapper();
    private final HypeCardQueries queries = new HypeCardQueries(new NamedParameterJdbcTemplate(jdbc), json);
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new HypeCardsProjection(jdbc, json));
    }

    private static History history() {
        return new History()
                .add(TEMPLATE, new CardTemplateCreated(TEMPLATE, ORG, "Speaker card", "mycard",
                        new CardLayout(400, 400, "#112233", List.of(new CardLayout.Text("{name}", "sans", 28, true,
                                "#ffffff", 200, 240, 380, 1, "center"))), List.of("name", "title"), T0), T0)
                .add("card-ann", new CardRequested("card-ann", ORG, TEMPLATE, "conv-ann", ANN, "Ann", "Speaker",
                        "wamid.photo", "AnnCode1", T0.plusSeconds(10)))
                .add("card-ann", new CardGenerated("card-ann", ORG, TEMPLATE, "conv-ann", ANN, "AnnCode1",
                        ORG + "/" + "a".repeat(64), 1234, "a".repeat(64), T0.plusSeconds(20)))
                .add("card-ann", new CardShared("card-ann", ORG, TEMPLATE, ANN, "whatsapp", T0.plusSeconds(30)))
                .add("card-ann", new CardShared("card-ann", ORG, TEMPLATE, ANN, "copy", T0.plusSeconds(40)))
                .add("card-ben", new CardRequested("card-ben", ORG, TEMPLATE, "conv-ben", BEN, "Ben", null, null,
                        "BenCode2", T0.plusSeconds(50)))
                .add("card-ben", new CardFailed("card-ben", ORG, TEMPLATE, "conv-ben", BEN, "render_failed",
                        T0.plusSeconds(60)))
                .add("card-cee", new CardRequested("card-cee", ORG, TEMPLATE, "conv-cee", CEE, "Cee", "Guest", null,
                        "CeeCode3", T0.plusSeconds(70)))
                .add("card-cee", new CardGenerated("card-cee", ORG, TEMPLATE, "conv-cee", CEE, "CeeCode3",
                        ORG + "/" + "c".repeat(64), 999, "c".repeat(64), T0.plusSeconds(80)))
                .add("conv-cee", new ContactErased("conv-cee", "s1", ORG, CEE, "request", T0.plusSeconds(90)));
    }

    @Test
    void aCardIsRequestedThenDrawnOrGivenUpOnAndItsSharesAreCounted() throws Exception {
        projector.apply(history().events());

        Map<String, Object> ann = jdbc.queryForMap("SELECT * FROM generated_cards WHERE id = 'card-ann'");
        assertThat(ann.get("status")).isEqualTo("generated");
        assertThat(ann.get("share_code")).isEqualTo("AnnCode1");
        assertThat(ann.get("image_url")).isEqualTo("/c/AnnCode1/card.png");
        assertThat(ann.get("share_count")).isEqualTo(2);
        assertThat(ann.get("generated_at")).isNotNull();
        JsonNode input = json.readTree(ann.get("input_data").toString());
        assertThat(input.path("name").asText()).isEqualTo("Ann");
        assertThat(input.path("title").asText()).isEqualTo("Speaker");
        assertThat(input.path("has_photo").asBoolean()).isTrue();

        Map<String, Object> ben = jdbc.queryForMap("SELECT * FROM generated_cards WHERE id = 'card-ben'");
        assertThat(ben.get("status")).isEqualTo("failed");
        assertThat(ben.get("failure")).isEqualTo("render_failed");
        assertThat(ben.get("image_url")).isNull();
        assertThat(ben.get("share_count")).isEqualTo(0);
        assertThat(json.readTree(ben.get("input_data").toString()).path("has_photo").asBoolean()).isFalse();

        List<CardRow> cards = queries.cards(ORG, List.of("card-ann", "card-ben", "card-cee"));
        assertThat(cards).extracting(CardRow::id).containsExactlyInAnyOrder("card-ann", "card-ben");
        CardRow shown = cards.stream().filter(card -> card.id().equals("card-ann")).findFirst().orElseThrow();
        assertThat(shown.templateName()).isEqualTo("Speaker card");
        assertThat(shown.shares()).isEqualTo(2);
        assertThat(shown.generatedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(queries.cards("another-org", List.of("card-ann"))).isEmpty();
        assertThat(queries.cards(ORG, List.of())).isEmpty();
    }

    @Test
    void anErasedContactsCardIsGone() {
        projector.apply(history().events());

        assertThat(jdbc.queryForObject("SELECT count(*) FROM generated_cards WHERE contact_id = ?::uuid", Long.class,
                CEE)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM generated_cards", Long.class)).isEqualTo(2);
    }

    @Test
    void aRedeliveredShareCountsOnceAndAReplayGivesTheSameTables() {
        History history = history();
        projector.apply(history.events());
        Map<String, String> once = Tables.checksums(jdbc, TABLES);

        projector.apply(history.events().subList(1, 5)); // Ann's card again: requested, drawn, shared twice
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);
        assertThat(jdbc.queryForObject("SELECT share_count FROM generated_cards WHERE id = 'card-ann'", Integer.class))
                .isEqualTo(2);

        Tables.clear(jdbc);
        projector.apply(history.events());
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);
    }

    @Test
    void theCardsAreRebuiltWithTheEngagementGroup() {
        assertThat(ReadTables.tablesOf(HypeCardsProjection.GROUP)).contains("generated_cards");
    }
}
