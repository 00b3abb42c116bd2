package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.GraphApiStandIn.Sent;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Questions answered from a knowledge base through the service on real PostgreSQL, with embeddings computed in
 * process: an FAQ answer with its rating buttons, a passage quoted from an uploaded PDF, a nonsense question offered
 * a person, ratings and charges recorded, and uploads the service refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KnowledgeIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient("http://localhost:" + port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void aQuestionFindsItsFaqAnswerAPassageIsQuotedAndNonsenseIsOfferedAPerson() throws Exception {
        Conversations org = new Conversations(platform, 100,
                List.of(Map.of("module", "ai", "action", "ai_query", "tokens", 5)));
        String kb = org.admin.post(org.path("/knowledge-bases"), Map.of("name", "TechExpo")).text("id");
        addFaq(org, kb, "How much does a ticket cost?", "Regular tickets are KES 2,000 and VIP tickets KES 5,000.");
        addFaq(org, kb, "Where is the venue?", "TechExpo is at KICC, Harambee Avenue, Nairobi.");
        String parkingFaq = addFaq(org, kb, "Is there parking at the venue?", "Yes, parking at KICC is KES 300 a day.");
        AdminClient.Response pdf = org.admin.postBytes(org.path("/knowledge-bases/" + kb + "/documents?title="
                + URLEncoder.encode("Exhibitor guide", StandardCharsets.UTF_8)), "application/pdf", pdf(
                "Exhibitor move-in starts on Sunday at 8 am through gate C.",
                "Each booth gets one 13 amp power socket; extra sockets cost KES 1,500.",
                "Booths must be cleared by 6 pm on the last day of the expo."));
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(201);
        awaitAnswer(org, "How much does a ticket cost?", answer -> "FAQ".equals(answer.path("kind").asText()));
        awaitAnswer(org, "power socket for my booth", answer -> "PASSAGE".equals(answer.path("kind").asText()));

        String ann = phone();
        org.says(ann, "how much is a ticket?");
        Sent faqAnswer = GRAPH.awaitSentTo(ann, 1).get(0);
        assertThat(faqAnswer.text()).isEqualTo("Regular tickets are KES 2,000 and VIP tickets KES 5,000.");
        JsonNode buttons = faqAnswer.body().path("interactive").path("action").path("buttons");
        String helpfulId = buttons.get(0).path("reply").path("id").asText();
        assertThat(helpfulId).startsWith("kb:yes:");
        org.taps(ann, helpfulId, "Helpful", false);
        assertThat(GRAPH.awaitSentTo(ann, 2).get(1).text()).isEqualTo("Thanks for letting us know!");

        String ben = phone();
        org.says(ben, "Do booths get a power socket?");
        assertThat(GRAPH.awaitSentTo(ben, 1).get(0).text()).startsWith("From *Exhibitor guide*:")
                .contains("13 amp power socket");

        String cee = phone();
        org.says(cee, "zxqv blorp wibble");
        Sent dontKnow = GRAPH.awaitSentTo(cee, 1).get(0);
        assertThat(dontKnow.text()).isEqualTo("I don't know the answer to that yet. Would you like to talk to a person?");
        String human = dontKnow.body().path("interactive").path("action").path("buttons").get(0).path("reply")
                .path("id").asText();
        org.taps(cee, human, "Talk to a person", false);
        assertThat(GRAPH.awaitSentTo(cee, 2).get(1).text()).isEqualTo("A member of our team will reply here shortly.");

        JsonNode logged = await(() -> org.admin.get(org.path("/knowledge-bases/queries")).body(),
                queries -> queries.path("summary").path("questions").asLong() == 3
                        && queries.path("summary").path("rated").asLong() == 1);
        assertThat(logged.path("summary").path("answeredFromFaq").asLong()).isEqualTo(1);
        assertThat(logged.path("summary").path("answeredFromDocuments").asLong()).isEqualTo(1);
        assertThat(logged.path("summary").path("unanswered").asLong()).isEqualTo(1);
        assertThat(logged.path("page").path("items").get(2).path("question").asText()).isEqualTo("how much is a ticket?");
        assertThat(logged.path("page").path("items").get(2).path("helpful").asBoolean()).isTrue();
        assertThat(logged.path("page").path("items").get(2).path("matches").size()).isBetween(1, 5);
        String annId = jdbc.queryForObject("SELECT contact_id::text FROM rag_query_logs WHERE id = ?", String.class,
                logged.path("page").path("items").get(2).path("id").asText());
        JsonNode exported = org.admin.get(org.path("/contacts/" + annId + "/export")).body();
        assertThat(exported.path("questionsToTheBot")).singleElement()
                .satisfies(question -> assertThat(question.path("question").asText()).isEqualTo("how much is a ticket?"));
        // three answers at 5 tokens each, billed as ai/ai_query; the thank-you is a free general reply here
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'ReplyQueued' "
                + "AND payload->>'organizationId' = ? AND payload->>'module' = 'ai' AND payload->>'action' = 'ai_query'",
                Long.class, org.organizationId)).isEqualTo(3);

        assertThat(org.admin.delete(org.path("/knowledge-bases/" + kb + "/faq-items/" + parkingFaq)).status())
                .isEqualTo(204);
        awaitAnswer(org, "Is there parking at the venue?", answer -> !parkingFaq.equals(answer.path("sourceId").asText()));
        JsonNode detail = org.admin.get(org.path("/knowledge-bases/" + kb)).body();
        assertThat(detail.path("faqItems")).hasSize(2);
        assertThat(detail.path("documents").get(0).path("sourceType").asText()).isEqualTo("pdf");
    }

    @Test
    void uploadsTheServiceCannotReadAreRefusedPrecisely() {
        Conversations org = new Conversations(platform, 10);
        String kb = org.admin.post(org.path("/knowledge-bases"), Map.of("name", "Shop")).text("id");
        String documents = org.path("/knowledge-bases/" + kb + "/documents?title=Guide");

        assertThat(org.admin.postBytes(documents, "image/png", new byte[]{1, 2, 3}).status()).isEqualTo(415);
        assertThat(refusal(org.admin.postBytes(documents, "application/pdf",
                "not a pdf at all".getBytes(StandardCharsets.UTF_8)))).isEqualTo("422 unreadable_pdf");
        assertThat(refusal(org.admin.postBytes(documents, "text/plain", "   ".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("422 empty_document");
        assertThat(refusal(org.admin.postBytes(documents, "text/plain", new byte[]{(byte) 0xC3, (byte) 0x28})))
                .isEqualTo("422 not_utf8");
        assertThat(refusal(org.admin.postBytes(documents, "text/plain", new byte[10 * 1024 * 1024 + 1])))
                .isEqualTo("413 document_too_large");
        assertThat(org.admin.postBytes(org.path("/knowledge-bases/" + kb + "/documents"), "text/plain",
                "text".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(org.admin.postBytes(org.path("/knowledge-bases/no-such-kb/documents?title=x"), "text/plain",
                "text".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
        assertThat(refusal(org.admin.post(org.path("/knowledge-bases/" + kb + "/faq-items"),
                Map.of("question", "Open on Sunday?", "answer", "x".repeat(1001))))).startsWith("400");
        addFaq(org, kb, "Open on Sunday?", "Yes, 10 am to 4 pm.");
        assertThat(refusal(org.admin.post(org.path("/knowledge-bases/" + kb + "/faq-items"),
                Map.of("question", "open on sunday", "answer", "No.")))).isEqualTo("422 duplicate_question");
        assertThat(org.admin.delete(org.path("/knowledge-bases/" + kb + "/documents/nope")).status()).isEqualTo(404);

        Conversations other = new Conversations(platform, 10);
        assertThat(other.admin.post(other.path("/knowledge-bases/" + kb + "/faq-items"),
                Map.of("question", "Theirs?", "answer", "Mine.")).status()).isEqualTo(404);
        assertThat(other.admin.get(other.path("/knowledge-bases/" + kb)).status()).isEqualTo(404);
        String markdown = org.admin.postBytes(org.path("/knowledge-bases/" + kb + "/documents?title=Notes"),
                "text/markdown", "# Returns\n\n**Returns** are accepted within [7 days](https://x.example)."
                        .getBytes(StandardCharsets.UTF_8)).text("id");
        assertThat(markdown).isNotBlank();
        JsonNode detail = await(() -> org.admin.get(org.path("/knowledge-bases/" + kb)).body(),
                d -> d.path("documents").size() == 1);
        assertThat(detail.path("documents").get(0).path("characters").asInt())
                .isEqualTo("Returns\n\nReturns are accepted within 7 days.".length());
    }

    private static String addFaq(Conversations org, String kb, String question, String answer) {
        AdminClient.Response added = org.admin.post(org.path("/knowledge-bases/" + kb + "/faq-items"),
                Map.of("question", question, "answer", answer));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.text("id");
    }

    private static String refusal(AdminClient.Response response) {
        return response.status() + " " + response.body().path("code").asText();
    }

    /** What the bot would answer, once the knowledge base's embeddings are in place. */
    private static JsonNode awaitAnswer(Conversations org, String question, Predicate<JsonNode> done) {
        return await(() -> org.admin.post(org.path("/knowledge-bases/answers"), Map.of("question", question)).body(),
                done);
    }

    private static JsonNode await(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("never got there: " + last);
    }

    private static byte[] pdf(String... lines) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                text.newLineAtOffset(50, 700);
                for (String line : lines) {
                    text.showText(line);
                    text.newLineAtOffset(0, -16);
                }
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
