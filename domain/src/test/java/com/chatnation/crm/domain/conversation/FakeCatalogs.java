package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.organization.ConsentWords;
import com.chatnation.crm.domain.organization.HandoverSettings;
import com.chatnation.crm.domain.poll.PollOption;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.SurveyDefinition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** In-memory survey, event and poll catalogs and organization settings for conversation tests. */
final class FakeCatalogs implements SurveyCatalog, EventCatalog, PollCatalog, KnowledgeCatalog, ConsentWordsCatalog,
        HandoverSettingsCatalog, CardCatalog, ProgramCatalog, AgendaCatalog, ExhibitorCatalog {

    ConsentWords words = ConsentWords.DEFAULT;
    HandoverSettings handover = HandoverSettings.DEFAULT;

    @Override
    public ConsentWords consentWords(String organizationId) {
        return words;
    }

    @Override
    public HandoverSettings handoverSettings(String organizationId) {
        return handover;
    }

    static final String ORG = "org-1";
    static final SurveyDefinition FEEDBACK = new SurveyDefinition("survey-1", 1, ORG, "Event feedback", null,
            "Thanks for the feedback!", List.of(Question.of("q1", "How was it?", QuestionType.RATING)),
            List.of("feedback"));

    final List<SurveyDefinition> surveys = new ArrayList<>(List.of(FEEDBACK));
    final List<EventOnSale> events = new ArrayList<>(List.of(new EventOnSale("ev-1", "TechExpo", "KICC",
            Instant.parse("2027-03-01T09:00:00Z"), List.of(
            new TicketTypeOnSale("vip", "VIP", new BigDecimal("5000"), "KES", 3),
            new TicketTypeOnSale("regular", "Regular", new BigDecimal("2000"), "KES", 0)))));

    @Override
    public Optional<SurveyDefinition> surveyForKeyword(String organizationId, String keyword) {
        return surveys.stream().filter(s -> s.organizationId().equals(organizationId) && s.keywords().contains(keyword))
                .findFirst();
    }

    @Override
    public Optional<SurveyDefinition> survey(String organizationId, String surveyId) {
        return surveys.stream().filter(s -> s.surveyId().equals(surveyId)).findFirst();
    }

    @Override
    public List<SurveyDefinition> activeSurveys(String organizationId) {
        return List.copyOf(surveys);
    }

    @Override
    public List<EventOnSale> eventsOnSale(String organizationId, Instant at) {
        return List.copyOf(events);
    }

    /** Keyword {@code vote}: three short options, open from 2026-11-01 until 2026-12-31. */
    static final PollOnOffer TOPIC_POLL = new PollOnOffer("poll-1", "What topic next?",
            List.of(new PollOption("1", "AI"), new PollOption("2", "Cloud"), new PollOption("3", "Security")),
            Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-31T00:00:00Z"), null);

    final java.util.Map<String, PollOnOffer> pollsByKeyword = new java.util.HashMap<>(java.util.Map.of("vote", TOPIC_POLL));

    @Override
    public Optional<PollOnOffer> pollForKeyword(String organizationId, String keyword) {
        return Optional.ofNullable(pollsByKeyword.get(keyword));
    }

    @Override
    public Optional<PollOnOffer> poll(String organizationId, String pollId) {
        return pollsByKeyword.values().stream().filter(p -> p.pollId().equals(pollId)).findFirst();
    }

    /** Whether the organization has a knowledge base to answer from (off unless a test turns it on). */
    boolean knowledge;

    @Override
    public boolean answersQuestions(String organizationId) {
        return knowledge;
    }

    /** Keyword {@code mycard}: a speaker card asking for a name, a title and a photo. */
    static final CardOnOffer SPEAKER_CARD = new CardOnOffer("tpl-1", "Speaker card", List.of("name", "title", "photo"));

    final java.util.Map<String, CardOnOffer> cardsByKeyword =
            new java.util.HashMap<>(java.util.Map.of("mycard", SPEAKER_CARD));

    @Override
    public Optional<CardOnOffer> cardForKeyword(String organizationId, String keyword) {
        return Optional.ofNullable(cardsByKeyword.get(keyword));
    }

    @Override
    public Optional<CardOnOffer> card(String organizationId, String templateId) {
        return cardsByKeyword.values().stream().filter(c -> c.templateId().equals(templateId)).findFirst();
    }

    /** Keyword {@code devotional}: a daily program. */
    static final ProgramOnOffer DEVOTIONAL = new ProgramOnOffer("prog-1", "Morning Devotional", "devotional",
            "every day at 06:00");

    final java.util.Map<String, ProgramOnOffer> programsByKeyword =
            new java.util.HashMap<>(java.util.Map.of("devotional", DEVOTIONAL));

    @Override
    public Optional<ProgramOnOffer> programForKeyword(String organizationId, String keyword) {
        return Optional.ofNullable(programsByKeyword.get(keyword));
    }

    /** Booth {@code A15}: CloudTech Ltd at TechExpo, showing two products. */
    static final BoothOnOffer CLOUDTECH = new BoothOnOffer("exh-1", "ev-1", "CloudTech Ltd", "A15", List.of(
            new ProductOnOffer("p-server", "Cloud Server"), new ProductOnOffer("p-cdn", "CDN Service")));

    final java.util.Map<String, BoothOnOffer> boothsByCode =
            new java.util.HashMap<>(java.util.Map.of("A15", CLOUDTECH));

    @Override
    public Optional<BoothOnOffer> boothForCode(String organizationId, String boothCode) {
        return Optional.ofNullable(boothsByCode.get(boothCode));
    }

    @Override
    public Optional<BoothOnOffer> booth(String organizationId, String exhibitorId) {
        return boothsByCode.values().stream().filter(b -> b.exhibitorId().equals(exhibitorId)).findFirst();
    }

    /** The agenda the conversation sees: none unless a test sets one. */
    AgendaCatalog agenda = AgendaCatalog.NONE;

    @Override
    public Optional<AgendaDay> agendaDay(String organizationId, Instant now) {
        return agenda.agendaDay(organizationId, now);
    }

    @Override
    public Optional<SessionDetail> session(String organizationId, String sessionId, String conversationId) {
        return agenda.session(organizationId, sessionId, conversationId);
    }
}
