package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge pages in a real browser. An owner creates a knowledge base in the form (a nameless one is refused on
 * its field), adds an FAQ item (one without an answer is refused with the question kept), uploads documents (a
 * picture and a file over 10 MB are refused on the page), tries a question until the FAQ item answers it, and sees a
 * contact's question to the bot (through the API's inbound-message simulator) in the list of questions asked; a
 * viewer reads it all but is offered no form and no remove button, and another organization's knowledge base is not
 * found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgePageBrowserTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    /** Embeddings and the read tables follow a change asynchronously. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String QUESTION = "How much does a ticket cost?";
    private static final String ANSWER = "Regular tickets are KES 2,000 and VIP tickets KES 5,000.";

    @LocalServerPort
    int port;

    private String base;
    private Conversations org;
    private TeamMembers.Member owner;
    private TeamMembers.Member viewer;
    private Path files;
    /** Created through the form by the first test. */
    private String knowledgeBaseId;

    @BeforeAll
    void organization() throws IOException {
        base = "http://localhost:" + port;
        // the bot's answers from a knowledge base are billed as ai/ai_query
        org = new Conversations(new AdminClient(base), 100,
                List.of(Map.of("module", "ai", "action", "ai_query", "tokens", 5)));
        AdminClient.Onboarded organization = new AdminClient.Onboarded(org.organizationId, null, null, org.admin, null);
        owner = TeamMembers.invite(organization, "owner");
        viewer = TeamMembers.invite(organization, "viewer");
        files = Files.createTempDirectory("knowledge-uploads-");
    }

    @AfterAll
    void removeFiles() throws IOException {
        try (var paths = Files.walk(files)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void anOwnerBuildsAKnowledgeBaseTriesAQuestionAndSeesWhatAContactAsked() throws IOException {
        Browser browser = Browser.at(base).logIn(owner);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/knowledge']")).click();
        browser.find(By.id("knowledge-base-list"));
        assertThat(browser.textOf(By.cssSelector("#count-questions strong"))).isEqualTo("0");
        if (driver.findElement(By.id("new-knowledge-base")).getAttribute("open") == null) {
            browser.find(By.cssSelector("#new-knowledge-base summary")).click();
        }

        // a knowledge base needs a name: refused on its field, the description kept
        browser.find(By.id("knowledge-base-description")).sendKeys("Questions about the expo");
        driver.findElement(By.id("create-knowledge-base-submit")).click();
        assertThat(browser.find(By.id("name-error")).getText()).isEqualTo("Required.");
        assertThat(driver.findElement(By.id("knowledge-base-refused")).getText()).contains("not created");
        assertThat(driver.findElement(By.id("knowledge-base-name")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("knowledge-base-description")).getAttribute("value"))
                .isEqualTo("Questions about the expo");

        browser.find(By.id("knowledge-base-name")).sendKeys("TechExpo");
        driver.findElement(By.id("create-knowledge-base-submit")).click();
        browser.waitFor(ExpectedConditions.urlMatches(".*/app/knowledge/[0-9a-f-]{36}$"));
        knowledgeBaseId = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(browser.textOf(By.id("knowledge-base-name"))).isEqualTo("TechExpo");

        // an FAQ item without an answer is refused on the answer, the question kept; then added
        browser.find(By.id("faq-question")).sendKeys(QUESTION);
        driver.findElement(By.id("faq-submit")).click();
        assertThat(browser.find(By.id("answer-error")).getText()).isEqualTo("Required.");
        assertThat(driver.findElement(By.id("faq-refused")).getText()).contains("not added");
        assertThat(driver.findElement(By.id("faq-answer")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("faq-question")).getAttribute("value")).isEqualTo(QUESTION);
        browser.screenshotOfWholePage("knowledge-faq-refused");
        driver.findElement(By.id("faq-answer")).sendKeys(ANSWER);
        driver.findElement(By.id("faq-submit")).click();
        assertThat(browser.find(By.id("action-done")).getText()).contains("FAQ item was added");
        assertThat(browser.textOf(By.cssSelector("#faq-items tbody tr .question"))).isEqualTo(QUESTION);
        assertThat(browser.textOf(By.cssSelector("#faq-items tbody tr .answer"))).isEqualTo(ANSWER);

        // a picture is no document, and a file over 10 MB is too large: both refused on the file, the title kept
        upload(browser, "Logo", file("logo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        assertThat(browser.find(By.id("file-error")).getText()).contains("PDF (.pdf), Markdown (.md) or plain text");
        assertThat(driver.findElement(By.id("document-refused")).getText()).contains("not added");
        assertThat(driver.findElement(By.id("document-title")).getAttribute("value")).isEqualTo("Logo");
        byte[] large = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(large, (byte) 'a');
        driver.findElement(By.id("document-title")).clear();
        upload(browser, "Handbook", file("handbook.txt", large));
        assertThat(browser.find(By.id("file-error")).getText()).contains("at most 10 MB");
        assertThat(driver.findElements(By.cssSelector("#documents tbody tr[data-document]"))).isEmpty();

        // a Markdown file and a text file are listed with their kind, length and passages
        driver.findElement(By.id("document-title")).clear();
        upload(browser, "Exhibitor guide", file("exhibitor-guide.md", ("# Exhibitor guide\n\nEach booth gets one "
                + "**13 amp power socket**; extra sockets cost KES 1,500.\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(browser.find(By.id("action-done")).getText()).contains("document was added");
        upload(browser, "Opening hours", file("hours.txt",
                "The expo opens at 9 am and closes at 6 pm.".getBytes(StandardCharsets.UTF_8)));
        assertThat(browser.find(By.id("action-done")).getText()).contains("document was added");
        List<WebElement> documents = driver.findElements(By.cssSelector("#documents tbody tr[data-document]"));
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).findElement(By.cssSelector(".title")).getText()).isEqualTo("Exhibitor guide");
        assertThat(documents.get(0).findElement(By.cssSelector(".type")).getText()).isEqualTo("Markdown");
        assertThat(documents.get(0).findElement(By.cssSelector(".characters")).getText())
                .isEqualTo(String.valueOf(("Exhibitor guide\n\nEach booth gets one 13 amp power socket; extra "
                        + "sockets cost KES 1,500.").length()));
        assertThat(documents.get(0).findElement(By.cssSelector(".passages")).getText()).isEqualTo("1");
        assertThat(documents.get(1).findElement(By.cssSelector(".type")).getText()).isEqualTo("Text");

        // trying a question: the FAQ item answers it once its embedding is computed
        browser.find(By.id("try-question")).sendKeys("how much is a ticket?");
        String kind = tryUntil(browser, "FAQ answer");
        assertThat(kind).isEqualTo("FAQ answer");
        assertThat(browser.textOf(By.id("answer-text"))).isEqualTo(ANSWER);
        assertThat(browser.textOf(By.id("answer-source"))).isEqualTo(QUESTION);
        assertThat(browser.textOf(By.cssSelector("#answer-matches tbody tr:first-child .label"))).isEqualTo(QUESTION);
        assertThat(browser.textOf(By.cssSelector("#answer-matches tbody tr:first-child .score"))).matches("0\\.\\d{3}");
        assertThat(driver.findElement(By.id("try-question")).getAttribute("value")).isEqualTo("how much is a ticket?");
        browser.screenshotOfWholePage("knowledge-base");

        // an empty question is refused in place
        WebElement before = driver.findElement(By.id("try"));
        driver.findElement(By.id("try-question")).clear();
        driver.findElement(By.id("try-submit")).click();
        browser.waitFor(ExpectedConditions.stalenessOf(before));
        assertThat(browser.find(By.id("ask-error")).getText()).isEqualTo("Required.");
        assertThat(driver.findElements(By.id("answer"))).isEmpty();

        // removing the text file: asked first, then gone
        driver.findElement(By.cssSelector("#documents tbody tr:nth-child(2) .remove-document")).click();
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        assertThat(browser.find(By.id("action-done")).getText()).contains("document was removed");
        assertThat(driver.findElements(By.cssSelector("#documents tbody tr[data-document]"))).hasSize(1);

        // a contact asks the bot, which answers from the FAQ item; the question shows among those asked
        String ann = phone();
        org.says(ann, "how much is a ticket?");
        assertThat(GRAPH.awaitSentTo(ann, 1).get(0).text()).isEqualTo(ANSWER);
        browser.waitFor(PATIENCE, d -> {
            browser.open("/app/knowledge");
            return d.findElements(By.cssSelector("#question-list td.question")).stream()
                    .anyMatch(cell -> cell.getText().equals("how much is a ticket?")) ? true : null;
        });
        assertThat(browser.textOf(By.cssSelector("#question-list tbody tr .kind"))).isEqualTo("FAQ answer");
        assertThat(browser.textOf(By.cssSelector("#question-list tbody tr .source"))).isEqualTo(QUESTION);
        assertThat(browser.textOf(By.cssSelector("#question-list tbody tr .score"))).matches("0\\.\\d{3}");
        assertThat(browser.textOf(By.cssSelector("#question-list tbody tr .helpful"))).isEqualTo("—");
        assertThat(browser.textOf(By.cssSelector("#count-questions strong"))).isEqualTo("1");
        assertThat(browser.textOf(By.cssSelector("#count-faq strong"))).isEqualTo("1");
        assertThat(browser.textOf(By.cssSelector("#count-unanswered strong"))).isEqualTo("0");
        String row = "tr[data-knowledge-base='" + knowledgeBaseId + "'] ";
        assertThat(browser.textOf(By.cssSelector(row + ".faq-count"))).isEqualTo("1");
        assertThat(browser.textOf(By.cssSelector(row + ".document-count"))).isEqualTo("1");
        browser.screenshotOfWholePage("knowledge");

        // the same refusals without a browser answer 4xx with the form again
        DashboardSession session = DashboardSession.logIn(base, owner);
        String page = "/app/knowledge/" + knowledgeBaseId;
        session.get(page);
        DashboardSession.Page blank = session.post(page + "/faq-items", Map.of("question", "Open on Sunday?",
                "answer", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"answer-error\"").contains("Open on Sunday?");
        DashboardSession.Page duplicate = session.post(page + "/faq-items", Map.of("question", "how much does a "
                + "ticket cost", "answer", "Cheap."));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.body()).contains("id=\"question-error\"").contains("already answers");
        DashboardSession.Page noFile = session.post(page + "/documents", Map.of("title", "Nothing"));
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.body()).contains("id=\"file-error\"");
        DashboardSession.Page nameless = session.post("/app/knowledge", Map.of("name", ""));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(session.post(page + "/faq-items/no-such-item/remove", Map.of()).status()).isEqualTo(302);
        assertThat(session.get(page).body()).contains("id=\"action-error\"");
    }

    @Test
    @Order(2)
    void aViewerReadsTheKnowledgeBaseButIsOfferedNoFormAndNoRemoveButton() {
        Browser browser = Browser.at(base).logIn(viewer);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/knowledge']")).click();
        browser.find(By.cssSelector("tr[data-knowledge-base='" + knowledgeBaseId + "']"));
        assertThat(browser.textOf(By.cssSelector("#question-list tbody tr .question"))).isEqualTo("how much is a ticket?");
        assertThat(driver.findElements(By.id("new-knowledge-base"))).isEmpty();
        assertThat(driver.findElements(By.id("create-knowledge-base"))).isEmpty();

        browser.find(By.cssSelector("tr[data-knowledge-base='" + knowledgeBaseId + "'] a")).click();
        assertThat(browser.textOf(By.cssSelector("#faq-items tbody tr .question"))).isEqualTo(QUESTION);
        assertThat(browser.textOf(By.cssSelector("#documents tbody tr .title"))).isEqualTo("Exhibitor guide");
        for (String form : List.of("faq-form", "document-form", "try-form")) {
            assertThat(driver.findElements(By.id(form))).as(form).isEmpty();
        }
        assertThat(driver.findElements(By.cssSelector(".remove-faq, .remove-document"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, viewer);
        String page = "/app/knowledge/" + knowledgeBaseId;
        assertThat(session.get(page).status()).isEqualTo(200);
        assertThat(session.post("/app/knowledge", Map.of("name", "Mine")).status()).isEqualTo(403);
        assertThat(session.post(page + "/faq-items", Map.of("question", "Mine?", "answer", "Yes.")).status())
                .isEqualTo(403);
        assertThat(session.post(page + "/answers", Map.of("question", "Mine?")).status()).isEqualTo(403);
        assertThat(org.admin.get(org.path("/knowledge-bases/" + knowledgeBaseId)).body().path("faqItems").size())
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void anotherOrganizationsKnowledgeBaseIsNotFound() {
        AdminClient.Onboarded other = new AdminClient(base).onboardOrganizationWithOwner();
        DashboardSession stranger = DashboardSession.logIn(base, TeamMembers.owner(other));
        String page = "/app/knowledge/" + knowledgeBaseId;
        assertThat(stranger.get(page).status()).isEqualTo(404);
        assertThat(stranger.post(page + "/faq-items", Map.of("question", "Theirs?", "answer", "Mine.")).status())
                .isEqualTo(404);
        assertThat(stranger.post(page + "/answers", Map.of("question", "Theirs?")).status()).isEqualTo(404);
        assertThat(stranger.get("/app/knowledge").body()).doesNotContain("TechExpo").doesNotContain("how much is a ticket?");
        assertThat(stranger.get("/app/knowledge/no-such-knowledge-base").status()).isEqualTo(404);
    }

    /** Fills the upload form and sends it. */
    private static void upload(Browser browser, String title, Path file) {
        browser.find(By.id("document-title")).sendKeys(title);
        browser.driver().findElement(By.id("document-file")).sendKeys(file.toAbsolutePath().toString());
        browser.driver().findElement(By.id("document-submit")).click();
    }

    /**
     * Asks the question in the "Try a question" box again until the answer is of {@code kind} (the embeddings are
     * computed a moment after a change) or patience runs out; the kind last answered.
     */
    private static String tryUntil(Browser browser, String kind) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            WebElement before = browser.driver().findElement(By.id("try"));
            browser.driver().findElement(By.id("try-submit")).click();
            browser.waitFor(ExpectedConditions.stalenessOf(before));
            String answered = browser.textOf(By.id("answer-kind"));
            if (answered.equals(kind) || Instant.now().isAfter(deadline)) {
                return answered;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answered;
            }
        }
    }

    private Path file(String name, byte[] content) {
        try {
            return Files.write(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }
}
