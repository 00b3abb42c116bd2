package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.RecordDeliveryStatus;
import com.chatnation.crm.domain.program.ProgramSubscription;
import com.chatnation.crm.domain.program.RecordProgramDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content programs through the API on real PostgreSQL: created with their schedule and keyword (refused with the rule
 * a bad one breaks), filled with items and an uploaded image, subscribed to by the organization, delivered to with
 * WhatsApp's statuses, read back as analytics, archived; and never visible to another organization.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgramsApiIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final Random RANDOM = new Random();

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ContactDirectory directory;

    private AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient("http://localhost:" + port);
    }

    private Conversations organization() {
        return new Conversations(platform, 100, List.of(Map.of("module", "content", "action", "send_program_item",
                "tokens", 1)));
    }

    private static String keyword() {
        return "devo" + RANDOM.nextInt(1_000_000);
    }

    private static Map<String, Object> program(String keyword) {
        Map<String, Object> program = new HashMap<>(Map.of("name", "Morning Devotional",
                "description", "A word a day", "schedule", Map.of("frequency", "daily", "at", "06:00"),
                "joinKeyword", keyword));
        return program;
    }

    private static String create(Conversations org, Map<String, Object> program) {
        AdminClient.Response created = org.admin.post(org.path("/programs"), program);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("programId");
    }

    private static String refusal(AdminClient.Response response) {
        return response.status() + " " + response.body().path("code").asText();
    }

    @Test
    void aProgramIsCreatedFilledWithItemsAndShownWithThemInOrder() throws Exception {
        Conversations org = organization();
        String keyword = keyword();
        Map<String, Object> request = program(" " + keyword.toUpperCase() + " ");
        request.put("schedule", Map.of("frequency", "Weekly", "at", "18:30", "day", "sunday"));
        request.put("startFrom", "today");
        request.put("reengageTemplate", "devotional_reminder");
        request.put("reengageLanguage", "en");
        String programId = create(org, request);

        String text = item(org, programId, Map.of("contentType", "text", "body", "Day one: gratitude.",
                "sequenceNumber", 1));
        String second = item(org, programId, Map.of("contentType", "text", "body", "Day two: patience.",
                "sequenceNumber", 2));
        AdminClient.Response uploaded = org.admin.postBytes(org.path("/programs/" + programId + "/media"),
                "image/png", png());
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String mediaKey = uploaded.text("mediaKey");
        assertThat(mediaKey).startsWith(org.organizationId + "/");
        String image = item(org, programId, Map.of("contentType", "image", "body", "Easter sunrise",
                "mediaKey", mediaKey, "scheduledOn", "2031-04-13"));
        String pollId = org.admin.post(org.path("/polls"), Map.of("question", "Which verse next?",
                "options", List.of("John 3:16", "Psalm 23"))).text("pollId");
        String poll = item(org, programId, Map.of("contentType", "poll", "pollId", pollId, "sequenceNumber", 3));

        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/items"), Map.of("contentType", "text",
                "body", "Another first", "sequenceNumber", 1)))).isEqualTo("409 duplicate_position");
        AdminClient.Response audio = org.admin.post(org.path("/programs/" + programId + "/items"),
                Map.of("contentType", "audio", "mediaKey", mediaKey, "sequenceNumber", 4));
        assertThat(refusal(audio)).isEqualTo("422 not_supported");
        assertThat(audio.body().path("detail").asText()).contains("not supported yet");
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/items"), Map.of("contentType", "image",
                "mediaKey", org.organizationId + "/" + "0".repeat(64), "sequenceNumber", 4))))
                .isEqualTo("422 unknown_media");
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/items"), Map.of("contentType", "poll",
                "pollId", "no-such-poll", "sequenceNumber", 4)))).isEqualTo("422 unknown_poll");
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/items"), Map.of("contentType", "text",
                "sequenceNumber", 4)))).isEqualTo("422 invalid_item");
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/items"), Map.of("contentType", "text",
                "body", "Both", "sequenceNumber", 4, "scheduledOn", "2031-01-01")))).isEqualTo("422 invalid_item");
        assertThat(refusal(org.admin.postBytes(org.path("/programs/" + programId + "/media"), "image/png",
                "not a picture".getBytes()))).isEqualTo("422 unreadable_image");
        assertThat(org.admin.postBytes(org.path("/programs/" + programId + "/media"), "image/jpeg",
                new byte[Programs.MAX_IMAGE + 1]).status()).isEqualTo(413);

        assertThat(org.admin.delete(org.path("/programs/" + programId + "/items/" + second)).status()).isEqualTo(204);
        assertThat(refusal(org.admin.delete(org.path("/programs/" + programId + "/items/" + second))))
                .isEqualTo("404 unknown_item");

        JsonNode shown = await(() -> org.admin.get(org.path("/programs/" + programId)),
                body -> body.path("items").size() == 3);
        assertThat(ids(shown.path("items"))).containsExactly(text, poll, image);
        JsonNode program = shown.path("program");
        assertThat(program.path("joinKeyword").asText()).isEqualTo(keyword);
        assertThat(program.path("frequency").asText()).isEqualTo("weekly");
        assertThat(program.path("dayOfWeek").asText()).isEqualTo("SUNDAY");
        assertThat(program.path("sendAt").asText()).isEqualTo("18:30");
        assertThat(program.path("timeZone").asText()).isEqualTo("Africa/Nairobi");
        assertThat(program.path("startFrom").asText()).isEqualTo("today");
        assertThat(program.path("status").asText()).isEqualTo("live");
        assertThat(shown.path("items").get(2).path("scheduledOn").asText()).isEqualTo("2031-04-13");
        assertThat(shown.path("items").get(2).path("mediaKey").asText()).isEqualTo(mediaKey);

        JsonNode listed = org.admin.get(org.path("/programs")).body().path("items");
        assertThat(ids(listed)).containsExactly(programId);
        assertThat(listed.get(0).path("items").asLong()).isEqualTo(3);
    }

    @Test
    void keywordsTheBotOrAnotherLiveProgramAnswersToAndBadSchedulesAreRefusedWithTheirRule() {
        Conversations org = organization();
        Conversations other = organization();
        String keyword = keyword();
        String programId = create(org, program(keyword));

        assertThat(refusal(org.admin.post(org.path("/programs"), program(keyword.toUpperCase()))))
                .isEqualTo("409 keyword_taken");
        assertThat(refusal(org.admin.post(org.path("/programs"), program("Menu")))).isEqualTo("409 keyword_reserved");
        assertThat(refusal(org.admin.post(org.path("/programs"), program("tickets"))))
                .isEqualTo("409 keyword_reserved");
        create(other, program(keyword)); // another organization's keywords are its own

        Map<String, Object> hourly = program(keyword());
        hourly.put("schedule", Map.of("frequency", "hourly", "at", "06:00"));
        assertThat(refusal(org.admin.post(org.path("/programs"), hourly))).isEqualTo("422 invalid_schedule");
        Map<String, Object> noDay = program(keyword());
        noDay.put("schedule", Map.of("frequency", "weekly", "at", "06:00"));
        assertThat(refusal(org.admin.post(org.path("/programs"), noDay))).isEqualTo("422 invalid_schedule");
        Map<String, Object> morning = program(keyword());
        morning.put("schedule", Map.of("frequency", "daily", "at", "6am"));
        assertThat(refusal(org.admin.post(org.path("/programs"), morning))).isEqualTo("422 invalid_schedule");
        Map<String, Object> mars = program(keyword());
        mars.put("timeZone", "Mars/Olympus_Mons");
        assertThat(refusal(org.admin.post(org.path("/programs"), mars))).isEqualTo("422 invalid_time_zone");
        Map<String, Object> halfTemplate = program(keyword());
        halfTemplate.put("reengageTemplate", "devotional_reminder");
        assertThat(refusal(org.admin.post(org.path("/programs"), halfTemplate))).isEqualTo("422 invalid_template");
        Map<String, Object> noSchedule = program(keyword());
        noSchedule.remove("schedule");
        assertThat(refusal(org.admin.post(org.path("/programs"), noSchedule))).isEqualTo("400 invalid_request");
        assertThat(refusal(org.admin.post(org.path("/programs"), program("!!")))).isEqualTo("422 invalid_keyword");

        // archived, its keyword is free again, and the program takes no more changes
        assertThat(org.admin.post(org.path("/programs/" + programId + "/archive"), Map.of()).status()).isEqualTo(204);
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/archive"), Map.of())))
                .isEqualTo("409 program_archived");
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/items"), Map.of("contentType", "text",
                "body", "Too late", "sequenceNumber", 1)))).isEqualTo("409 program_archived");
        create(org, program(keyword));
    }

    @Test
    void subscribersAddedByTheOrganizationAreDeliveredToAndCountedInTheAnalytics() throws Exception {
        Conversations org = organization();
        String programId = create(org, program(keyword()));
        String itemId = item(org, programId, Map.of("contentType", "text", "body", "Day one: gratitude.",
                "sequenceNumber", 1));
        String ann = contact(org);
        String ben = contact(org);
        String cee = contact(org);
        String dan = contact(org);

        AdminClient.Response one = org.admin.post(org.path("/programs/" + programId + "/subscribers"),
                Map.of("contactIds", List.of(ann)));
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.body().path("subscribed").asInt()).isEqualTo(1);
        AdminClient.Response several = org.admin.post(org.path("/programs/" + programId + "/subscribers"),
                Map.of("contactIds", List.of(ann, ben, cee)));
        assertThat(several.body().path("subscribed").asInt()).isEqualTo(2);
        assertThat(several.body().path("alreadySubscribed").asInt()).isEqualTo(1);
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/subscribers"),
                Map.of("contactIds", List.of(dan, "0c5b2a4e-0000-4000-8000-000000000000")))))
                .isEqualTo("422 unknown_contacts");
        assertThat(org.admin.post(org.path("/programs/" + programId + "/subscribers"), Map.of("contactIds", List.of()))
                .status()).isEqualTo(400);

        // the schedule's part, as it records each delivery, and WhatsApp's reports on the three messages
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));
        for (String contact : List.of(ann, ben, cee)) {
            assertThat((Boolean) commands.sendAndWait(new RecordProgramDelivery(
                    ProgramSubscription.idOf(programId, contact), org.organizationId, itemId, 1, today,
                    "reply-" + programId + "-" + contact, Instant.now()))).isTrue();
        }
        status(org, ann, programId, DeliveryStatus.DELIVERED);
        status(org, ann, programId, DeliveryStatus.READ);
        status(org, ben, programId, DeliveryStatus.DELIVERED);
        status(org, cee, programId, DeliveryStatus.FAILED);

        assertThat(org.admin.delete(org.path("/programs/" + programId + "/subscribers/" + cee)).status())
                .isEqualTo(204);
        assertThat(org.admin.delete(org.path("/programs/" + programId + "/subscribers/" + cee)).status())
                .as("already ended").isEqualTo(204);
        assertThat(refusal(org.admin.delete(org.path("/programs/" + programId + "/subscribers/" + dan))))
                .isEqualTo("404 not_subscribed");

        JsonNode analytics = await(() -> org.admin.get(org.path("/programs/" + programId + "/analytics?days=7")),
                body -> body.path("subscribers").asLong() == 2 && body.path("items").path(0).path("failed").asLong() == 1
                        && body.path("items").path(0).path("read").asLong() == 1);
        JsonNode figures = analytics.path("items").get(0);
        // three sent (a failure WhatsApp reports was sent), Ann's and Ben's delivered, Ann's read
        assertThat(figures.path("sent").asLong()).isEqualTo(3);
        assertThat(figures.path("delivered").asLong()).isEqualTo(2);
        assertThat(figures.path("deliveryRate").decimalValue()).isEqualByComparingTo("66.7");
        assertThat(figures.path("readRate").decimalValue()).isEqualByComparingTo("50.0");
        JsonNode days = analytics.path("days");
        assertThat(days).hasSize(7);
        assertThat(sum(days, "joined")).isEqualTo(3);
        assertThat(sum(days, "left")).isEqualTo(1);
        assertThat(days.get(6).path("active").asLong()).isEqualTo(2);
        // Cee joined and left within the week: one of three
        JsonNode churn = analytics.path("churn");
        assertThat(churn.path("joined").asLong()).isEqualTo(3);
        assertThat(churn.path("left").asLong()).isEqualTo(1);
        assertThat(churn.path("percent").decimalValue()).isEqualByComparingTo("33.3");
        assertThat(churn.path("withinDays").asInt()).isEqualTo(7);

        JsonNode subscribers = org.admin.get(org.path("/programs/" + programId + "/subscribers")).body();
        assertThat(subscribers.path("items")).hasSize(3);
        JsonNode active = org.admin.get(org.path("/programs/" + programId + "/subscribers?status=active")).body();
        assertThat(contactIds(active.path("items"))).containsExactlyInAnyOrder(ann, ben);
        assertThat(active.path("items").get(0).path("source").asText()).isIn("agent", "import");
        assertThat(org.admin.get(org.path("/programs/" + programId + "/subscribers?status=gone")).status())
                .isEqualTo(400);
        assertThat(org.admin.get(org.path("/programs/" + programId + "/analytics?days=0")).status()).isEqualTo(400);
        assertThat(org.admin.get(org.path("/programs/" + programId + "/analytics?churnDays=x")).status())
                .isEqualTo(400);

        // archiving ends the subscriptions: nobody is subscribed to a program that sends nothing more
        assertThat(org.admin.post(org.path("/programs/" + programId + "/archive"), Map.of()).status()).isEqualTo(204);
        JsonNode archived = await(() -> org.admin.get(org.path("/programs/" + programId)),
                body -> "archived".equals(body.path("program").path("status").asText())
                        && body.path("program").path("subscribers").asLong() == 0);
        assertThat(archived.path("program").path("archivedAt").isTextual()).isTrue();
        assertThat(refusal(org.admin.post(org.path("/programs/" + programId + "/subscribers"),
                Map.of("contactIds", List.of(dan))))).isEqualTo("409 program_archived");
    }

    @Test
    void anotherOrganizationsProgramIsNotFound() throws Exception {
        Conversations org = organization();
        Conversations other = organization();
        String programId = create(org, program(keyword()));
        String itemId = item(org, programId, Map.of("contentType", "text", "body", "Mine", "sequenceNumber", 1));
        await(() -> org.admin.get(org.path("/programs/" + programId)), body -> body.path("items").size() == 1);
        String theirContact = contact(other);
        String base = "/programs/" + programId;

        assertThat(other.admin.get(other.path(base)).status()).isEqualTo(404);
        assertThat(other.admin.get(other.path(base + "/analytics")).status()).isEqualTo(404);
        assertThat(other.admin.get(other.path(base + "/subscribers")).status()).isEqualTo(404);
        assertThat(other.admin.post(other.path(base + "/items"), Map.of("contentType", "text", "body", "Theirs",
                "sequenceNumber", 2)).status()).isEqualTo(404);
        assertThat(other.admin.delete(other.path(base + "/items/" + itemId)).status()).isEqualTo(404);
        assertThat(other.admin.post(other.path(base + "/subscribers"), Map.of("contactIds", List.of(theirContact)))
                .status()).isEqualTo(404);
        assertThat(other.admin.delete(other.path(base + "/subscribers/" + theirContact)).status()).isEqualTo(404);
        assertThat(other.admin.postBytes(other.path(base + "/media"), "image/png", png()).status()).isEqualTo(404);
        assertThat(other.admin.post(other.path(base + "/archive"), Map.of()).status()).isEqualTo(404);
        assertThat(other.admin.get(other.path("/programs")).body().path("items")).isEmpty();
        assertThat(org.admin.get(org.path(base)).body().path("program").path("status").asText()).isEqualTo("live");
    }

    @Test
    void theProgramPagesCreateAProgramAddAndRemoveItemsShowTheFiguresAndArchiveIt() throws Exception {
        Conversations org = organization();
        AdminClient.Onboarded organization = new AdminClient.Onboarded(org.organizationId, null, null, org.admin, null);
        DashboardSession owner = DashboardSession.logIn("http://localhost:" + port,
                TeamMembers.invite(organization, "owner"));
        DashboardSession viewer = DashboardSession.logIn("http://localhost:" + port,
                TeamMembers.invite(organization, "viewer"));
        String keyword = keyword();

        DashboardSession.Page list = owner.get("/app/programs");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"create-program\"").contains("href=\"/app/programs\"");
        Map<String, String> form = new HashMap<>(Map.of("name", "Weekly Newsletter", "frequency", "weekly",
                "day", "sunday", "at", "18:30", "timeZone", "Africa/Nairobi", "joinKeyword", "menu",
                "startFrom", "beginning"));
        DashboardSession.Page refused = owner.post("/app/programs", form);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"keyword-error\"").contains("Weekly Newsletter");
        form.put("joinKeyword", keyword);
        form.put("timeZone", "Nowhere/Atlantis");
        assertThat(owner.post("/app/programs", form).body()).contains("id=\"timeZone-error\"");
        form.put("timeZone", "Africa/Nairobi");
        DashboardSession.Page created = owner.post("/app/programs", form);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String path = created.location().substring(created.location().indexOf("/app/programs/"));
        String programId = path.substring("/app/programs/".length());

        DashboardSession.Page shown = owner.get(path);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("Weekly Newsletter").contains("Every Sunday at 18:30 (Africa/Nairobi)")
                .contains("id=\"subscribers-chart\"").contains("id=\"item-form\"").contains("id=\"archive-program\"");
        DashboardSession.Page added = owner.post(path + "/items", Map.of("contentType", "text",
                "body", "Issue one", "sequenceNumber", "1", "scheduledOn", "", "pollId", ""));
        assertThat(added.status()).isEqualTo(302);
        assertThat(owner.get(added.location().substring(added.location().indexOf("/app/"))).body())
                .contains("The item was added.").contains("Issue one");
        assertThat(owner.post(path + "/items", Map.of("contentType", "text", "body", "Issue one again",
                "sequenceNumber", "1")).status()).isEqualTo(409);
        assertThat(owner.post(path + "/items", Map.of("contentType", "text", "body", "Later",
                "sequenceNumber", "two")).body()).contains("id=\"sequenceNumber-error\"");
        assertThat(owner.post(path + "/items", Map.of("contentType", "image", "body", "No file",
                "sequenceNumber", "2")).body()).contains("id=\"image-error\"");
        String itemId = await(() -> org.admin.get(org.path("/programs/" + programId)),
                body -> body.path("items").size() == 1).path("items").get(0).path("id").asText();

        // a subscriber who was sent the item and read it: the page shows the item's rates and the joined figure
        String ann = contact(org);
        org.admin.post(org.path("/programs/" + programId + "/subscribers"), Map.of("contactIds", List.of(ann)));
        commands.sendAndWait(new RecordProgramDelivery(ProgramSubscription.idOf(programId, ann), org.organizationId,
                itemId, 1, LocalDate.now(ZoneId.of("Africa/Nairobi")), "reply-" + programId + "-" + ann,
                Instant.now()));
        status(org, ann, programId, DeliveryStatus.READ);
        await(() -> org.admin.get(org.path("/programs/" + programId + "/analytics")),
                body -> body.path("items").path(0).path("read").asLong() == 1);
        DashboardSession.Page figures = viewer.get(path);
        assertThat(figures.status()).isEqualTo(200);
        assertThat(figures.body()).contains("data-item=\"" + itemId + "\"").contains("100.0 %")
                .doesNotContain("id=\"item-form\"").doesNotContain("id=\"archive-program\"");
        assertThat(viewer.post(path + "/archive", Map.of()).status()).isEqualTo(403);

        assertThat(owner.post(path + "/items/" + itemId + "/remove", Map.of()).status()).isEqualTo(302);
        assertThat(owner.get(path).body()).contains("The item was removed.");
        DashboardSession.Page archived = owner.post(path + "/archive", Map.of());
        assertThat(archived.status()).isEqualTo(302);
        assertThat(owner.get(path).body()).contains("The program is archived; 1 subscriptions ended.")
                .doesNotContain("id=\"archive-program\"");
        assertThat(owner.get("/app/programs").body()).contains("data-program=\"" + programId + "\"");
        assertThat(owner.get("/app/programs/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    private static String item(Conversations org, String programId, Map<String, Object> item) {
        AdminClient.Response added = org.admin.post(org.path("/programs/" + programId + "/items"), item);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.text("itemId");
    }

    /** A contact who has written to the organization (so has a conversation), by their directory id. */
    private String contact(Conversations org) {
        String phone = "+2547" + (10_000_000 + RANDOM.nextInt(89_999_999));
        org.says(phone, "hello");
        GRAPH.awaitSentTo(phone, 1);
        return directory.existing(org.organizationId, PhoneNumber.of(phone)).orElseThrow();
    }

    private void status(Conversations org, String contact, String programId, DeliveryStatus status) {
        commands.sendAndWait(new RecordDeliveryStatus(ConversationId.of(org.organizationId, contact),
                "reply-" + programId + "-" + contact, "wamid." + contact, status, Instant.now(),
                status == DeliveryStatus.FAILED ? 131026 : null,
                status == DeliveryStatus.FAILED ? "Message undeliverable" : null));
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.has("program") ? row.path("program").path("id").asText()
                : row.path("id").asText()));
        return ids;
    }

    private static List<String> contactIds(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.path("contactId").asText()));
        return ids;
    }

    private static long sum(JsonNode days, String field) {
        long sum = 0;
        for (JsonNode day : days) {
            sum += day.path(field).asLong();
        }
        return sum;
    }

    /** The read tables follow the events a moment later: asks until the answer shows what is expected. */
    private static JsonNode await(Supplier<AdminClient.Response> ask, Predicate<JsonNode> expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        AdminClient.Response answer = ask.get();
        while ((answer.status() != 200 || !expected.test(answer.body())) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            answer = ask.get();
        }
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(expected.test(answer.body())).as(answer.body().toString()).isTrue();
        return answer.body();
    }
}
