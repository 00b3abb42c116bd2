package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.DateRangeForm;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.application.platform.whatsapp.GraphApiRefusal;
import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppMedia;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.projections.analytics.SurveyFunnelQueries;
import com.chatnation.crm.projections.analytics.SurveyFunnelReport;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.chatnation.crm.projections.queries.SurveyQueries;
import com.chatnation.crm.projections.queries.SurveyQueries.AttachmentRow;
import com.chatnation.crm.projections.queries.SurveyQueries.ResponseRow;
import com.chatnation.crm.projections.queries.SurveyQueries.SurveyDefinitionRow;
import com.chatnation.crm.projections.queries.SurveyQueries.SurveyRow;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The surveys and their results: the list with responses and completion, and per survey what each question got
 * (the API's {@link SurveyResults}, so the numbers are the API's), the drop-off per question (the survey funnel),
 * sentiment, and the individual responses with their media answers. Editing lives with the surveys' commands.
 */
@DashboardPage
class SurveyPages {

    private static final int SURVEYS_PER_PAGE = 50;
    private static final int RESPONSES_PER_PAGE = 25;
    /** A CSV export reads in chunks of this many rows. */
    private static final int EXPORT_CHUNK = 500;
    /** A media type as a download may declare it: {@code type/subtype}, nothing more. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

    private static final CsvDownload<SurveyRow> SURVEYS = CsvDownload.of(
            List.of("id", "title", "status", "version", "keywords", "responses", "completed", "completion_rate",
                    "published_at", "archived_at", "created_at"),
            List.<Function<SurveyRow, Object>>of(SurveyRow::id, SurveyRow::title, SurveyRow::status,
                    SurveyRow::version, row -> String.join(" ", row.keywords()), SurveyRow::responses,
                    SurveyRow::completed, SurveyPages::completionRate, SurveyRow::publishedAt,
                    SurveyRow::archivedAt, SurveyRow::createdAt));

    /** One question of the results, with the chart of its answers (null when its type has none). */
    record QuestionView(SurveyResults.QuestionResult result, String chart, List<Bucket> buckets) {
    }

    /** One bar of a question's chart as its table shows it; {@code share} of the question's answers, or null. */
    record Bucket(String label, long count, Double share) {
    }

    /** A question as the responses table heads its column. */
    record Column(String id, String text) {
    }

    private final SurveyQueries surveys;
    private final SurveyFunnelQueries funnels;
    private final PageJson json;
    private final MessageSource messages;
    private final OrganizationDirectory organizations;
    private final WhatsAppProperties whatsApp;
    private final WhatsAppMedia media;
    private final MediaStore store;
    private final Clock clock = Clock.systemUTC();

    SurveyPages(SurveyQueries surveys, SurveyFunnelQueries funnels, PageJson json, MessageSource messages,
                OrganizationDirectory organizations, WhatsAppProperties whatsApp, MediaStore store) {
        this.surveys = surveys;
        this.store = store;
        this.funnels = funnels;
        this.json = json;
        this.messages = messages;
        this.organizations = organizations;
        this.whatsApp = whatsApp;
        this.media = new WhatsAppMedia(whatsApp);
    }

    @GetMapping("/app/surveys")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String cursor,
                @RequestParam(required = false) String format, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        if ("csv".equals(format)) {
            SURVEYS.write(response, "surveys.csv", EveryRow.of(after -> surveys.surveys(organization, after, EXPORT_CHUNK)));
            return null;
        }
        model.addAttribute("surveys", surveys.surveys(organization, PageCursor.parse(cursor), SURVEYS_PER_PAGE));
        return "dashboard/surveys";
    }

    @GetMapping("/app/surveys/{surveyId}")
    String results(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String surveyId,
                   @RequestParam(required = false) String range, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                   @RequestParam(required = false) String format, @RequestParam(required = false) String table,
                   Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        SurveyDefinitionRow survey = surveys.definition(organization, surveyId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // a survey's results default to the last 30 days, as the API's survey funnel does
        DateRangeForm period = DateRangeForm.parse(range == null && from == null ? "30d" : range, from, to, clock);
        Instant start = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        SurveyQueries.Range responsesStarted = new SurveyQueries.Range(start, end);
        List<Column> columns = columns(survey);
        boolean contacts = caller.may(Permission.CONTACTS_READ);
        if ("csv".equals(format)) {
            String name = "survey-" + surveyId + "-" + period.from() + "-" + period.to();
            if ("questions".equals(table)) {
                questionsCsv().write(response, name + "-questions.csv",
                        questionRows(SurveyResults.read(surveys, organization, survey, start, end)));
            } else if ("funnel".equals(table)) {
                funnelCsv().write(response, name + "-funnel.csv", funnel(organization, surveyId, period).questions());
            } else {
                responsesCsv(columns, contacts).write(response, name + "-responses.csv", EveryRow.of(after ->
                        surveys.responses(organization, surveyId, responsesStarted, after, EXPORT_CHUNK)));
            }
            return null;
        }
        SurveyResults results = SurveyResults.read(surveys, organization, survey, start, end);
        SurveyFunnelReport funnel = funnel(organization, surveyId, period);
        model.addAttribute("survey", survey);
        model.addAttribute("range", period);
        model.addAttribute("results", results);
        model.addAttribute("questions", results.questions().stream().map(this::view).toList());
        model.addAttribute("funnel", funnel);
        model.addAttribute("funnelChart", json.write(new ChartData("bar",
                funnel.questions().stream().map(q -> q.position() + ". " + q.questionId()).toList(), List.of(
                new ChartData.Series(text("surveys.funnel.reached"),
                        funnel.questions().stream().map(SurveyFunnelReport.QuestionFigures::reached).toList()),
                new ChartData.Series(text("surveys.funnel.answered"),
                        funnel.questions().stream().map(SurveyFunnelReport.QuestionFigures::answered).toList()),
                new ChartData.Series(text("surveys.funnel.droppedOff"),
                        funnel.questions().stream().map(SurveyFunnelReport.QuestionFigures::droppedOff).toList())))));
        SurveyResults.SentimentSummary sentiment = results.sentiment();
        model.addAttribute("sentimentChart", json.write(new ChartData("bar", List.of(text("surveys.sentiment.negative"),
                text("surveys.sentiment.neutral"), text("surveys.sentiment.positive")), List.of(
                new ChartData.Series(text("surveys.responses"),
                        List.of(sentiment.negative(), sentiment.neutral(), sentiment.positive()))))));
        model.addAttribute("columns", columns);
        model.addAttribute("showContacts", contacts);
        model.addAttribute("responses", surveys.responses(organization, surveyId, responsesStarted, PageCursor.parse(cursor),
                RESPONSES_PER_PAGE));
        return "dashboard/survey-results";
    }

    /**
     * A file a contact sent as an answer: the service's copy once the media slice made it, until then fetched from
     * WhatsApp's media store with the organization's number (it keeps files about 30 days). Always a download, never shown inline: a contact's HTML or SVG "document" must not
     * run as a page of the dashboard.
     */
    @GetMapping("/app/surveys/{surveyId}/responses/{responseId}/attachments/{questionId}")
    void attachment(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String surveyId,
                    @PathVariable String responseId, @PathVariable String questionId, HttpServletResponse response)
            throws IOException {
        AttachmentRow file = surveys.attachment(caller.organizationId(), surveyId, responseId, questionId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (file.storageKey() != null && store.has(file.storageKey())) {
            // the service's own copy: it outlives WhatsApp's
            String type = mediaType(file.storedMimeType());
            response.setContentType(type);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(fileName(file, type), StandardCharsets.UTF_8).build().toString());
            try (InputStream kept = store.open(file.storageKey())) {
                kept.transferTo(response.getOutputStream());
            }
            return;
        }
        String phoneNumberId = organizations.byId(caller.organizationId()).map(OrganizationRow::phoneNumberId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String token = whatsApp.accessTokenFor(phoneNumberId);
        if (token == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, text("surveys.file.noToken"));
        }
        Optional<WhatsAppMedia.Download> opened;
        try {
            opened = media.open(token, phoneNumberId, file.mediaId());
        } catch (GraphApiRefusal failed) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, text("surveys.file.failed"));
        }
        try (WhatsAppMedia.Download download = opened.orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, text("surveys.file.gone")))) {
            String type = mediaType(file.mimeType() != null ? file.mimeType() : download.mimeType());
            response.setContentType(type);
            if (download.length() >= 0) {
                response.setContentLengthLong(download.length());
            }
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(fileName(file, type), StandardCharsets.UTF_8).build().toString());
            download.body().transferTo(response.getOutputStream());
        }
    }

    /** The file's type when it is a plain {@code type/subtype}; anything else downloads as bytes. */
    private static String mediaType(String declared) {
        String type = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(type).matches() ? type : "application/octet-stream";
    }

    private static String fileName(AttachmentRow file, String type) {
        if (file.filename() != null && !file.filename().isBlank()) {
            return file.filename().strip();
        }
        String extension = type.substring(type.indexOf('/') + 1).replaceAll("[^a-z0-9]", "");
        return file.questionId() + "-" + file.responseId() + (extension.isEmpty() ? "" : "." + extension);
    }

    private SurveyFunnelReport funnel(String organization, String surveyId, DateRangeForm period) {
        return funnels.compute(organization, surveyId, period.from(), period.to())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private QuestionView view(SurveyResults.QuestionResult question) {
        List<Bucket> buckets = new ArrayList<>();
        if (question.options() != null) {
            question.options().forEach(option -> buckets.add(new Bucket(option.label(), option.count(), option.share())));
        } else if (question.yes() != null) {
            buckets.add(new Bucket(text("surveys.answer.yes"), question.yes(), share(question.yes(), question.answered())));
            buckets.add(new Bucket(text("surveys.answer.no"), question.no(), share(question.no(), question.answered())));
        } else if (question.distribution() != null) {
            question.distribution().forEach((value, count) ->
                    buckets.add(new Bucket(value, count, share(count, question.answered()))));
        }
        if (buckets.isEmpty()) {
            return new QuestionView(question, null, List.of());
        }
        String chart = json.write(new ChartData("bar", buckets.stream().map(Bucket::label).toList(),
                List.of(new ChartData.Series(text("surveys.answers"), buckets.stream().map(Bucket::count).toList()))));
        return new QuestionView(question, chart, buckets);
    }

    private static Double share(long count, long answered) {
        return answered == 0 ? null : Math.round(count * 10_000.0 / answered) / 10_000.0;
    }

    private static List<Column> columns(SurveyDefinitionRow survey) {
        List<Column> columns = new ArrayList<>();
        for (JsonNode question : survey.questions()) {
            columns.add(new Column(question.path("id").asText(), question.path("text").asText()));
        }
        return columns;
    }

    private CsvDownload<ResponseRow> responsesCsv(List<Column> columns, boolean contacts) {
        List<String> headers = new ArrayList<>(List.of("response_id", "started_at", "status", "version"));
        List<Function<ResponseRow, Object>> cells = new ArrayList<>(List.of(ResponseRow::id, ResponseRow::startedAt,
                ResponseRow::status, ResponseRow::version));
        if (contacts) {
            headers.addAll(List.of("contact_id", "contact_name", "contact_phone"));
            cells.addAll(List.<Function<ResponseRow, Object>>of(ResponseRow::contactId, ResponseRow::contactName,
                    ResponseRow::contactPhone));
        }
        headers.addAll(List.of("completed_at", "abandoned_at", "last_question", "sentiment"));
        cells.addAll(List.<Function<ResponseRow, Object>>of(ResponseRow::completedAt, ResponseRow::abandonedAt,
                ResponseRow::lastQuestionId, ResponseRow::sentimentScore));
        for (Column column : columns) {
            headers.add(column.id());
            cells.add(row -> row.answer(column.id()));
        }
        headers.add("attachments");
        cells.add(row -> row.attachments().stream().map(a -> a.questionId() + ":" + a.mediaId())
                .collect(Collectors.joining(" ")));
        return CsvDownload.of(headers, cells);
    }

    /** One line per question and answer bucket (option, yes/no, scale value), as the page's tables show them. */
    private record QuestionLine(String questionId, String type, long answered, long skipped, String bucket, Long count,
                                Double share, Double average) {
    }

    private List<QuestionLine> questionRows(SurveyResults results) {
        List<QuestionLine> lines = new ArrayList<>();
        for (SurveyResults.QuestionResult question : results.questions()) {
            QuestionView view = view(question);
            if (view.buckets().isEmpty()) {
                lines.add(new QuestionLine(question.id(), question.type(), question.answered(), question.skipped(),
                        null, null, null, question.average()));
            }
            for (Bucket bucket : view.buckets()) {
                lines.add(new QuestionLine(question.id(), question.type(), question.answered(), question.skipped(),
                        bucket.label(), bucket.count(), bucket.share(), question.average()));
            }
        }
        return lines;
    }

    private static CsvDownload<QuestionLine> questionsCsv() {
        return CsvDownload.of(List.of("question", "type", "answered", "skipped", "answer", "count", "share", "average"),
                List.<Function<QuestionLine, Object>>of(QuestionLine::questionId, QuestionLine::type,
                        QuestionLine::answered, QuestionLine::skipped, QuestionLine::bucket, QuestionLine::count,
                        QuestionLine::share, QuestionLine::average));
    }

    private static CsvDownload<SurveyFunnelReport.QuestionFigures> funnelCsv() {
        return CsvDownload.of(List.of("position", "question", "text", "reached", "answered", "skipped", "dropped_off",
                        "drop_off_percent"),
                List.<Function<SurveyFunnelReport.QuestionFigures, Object>>of(
                        SurveyFunnelReport.QuestionFigures::position, SurveyFunnelReport.QuestionFigures::questionId,
                        SurveyFunnelReport.QuestionFigures::text, SurveyFunnelReport.QuestionFigures::reached,
                        SurveyFunnelReport.QuestionFigures::answered, SurveyFunnelReport.QuestionFigures::skipped,
                        SurveyFunnelReport.QuestionFigures::droppedOff,
                        SurveyFunnelReport.QuestionFigures::dropOffPercent));
    }

    private static Double completionRate(SurveyRow row) {
        return row.responses() == 0 ? null : Math.round(row.completed() * 10_000.0 / row.responses()) / 10_000.0;
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
