package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.DateRangeForm;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.analytics.FunnelBreakdown;
import com.chatnation.crm.projections.analytics.FunnelDefinition;
import com.chatnation.crm.projections.analytics.FunnelQueries;
import com.chatnation.crm.projections.analytics.FunnelReport;
import com.chatnation.crm.projections.analytics.FunnelReport.StepFigures;
import com.chatnation.crm.projections.analytics.JourneySteps;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Funnels: the organization's built-in and custom funnels as a chart over a date range, with conversion, drop-off
 * and median time to convert per step, broken down by source or cohort as the API does ({@link FunnelController}:
 * the same definitions and queries), and a form to define, replace or delete a custom funnel whose refusals are
 * shown by the field they concern; the form offers the built-in journey steps and the organization's step sets'
 * steps ({@code <set>:<step>}).
 */
@DashboardPage
class FunnelPage {

    /** Groups a breakdown's chart draws; the table lists them all. */
    private static final int CHARTED_GROUPS = 8;

    private static final CsvDownload<StepLine> STEPS = CsvDownload.of(
            List.of("funnel", "group", "position", "step", "entered", "converted", "conversion_percent", "drop_off",
                    "median_seconds_to_convert"),
            List.<Function<StepLine, Object>>of(StepLine::funnel, StepLine::group, line -> line.step().position(),
                    line -> line.step().step(), line -> line.step().entered(), line -> line.step().converted(),
                    line -> line.step().conversionPercent(), line -> line.step().dropOff(),
                    line -> line.step().medianSecondsToConvert()));

    private static final CsvDownload<FunnelDefinition> DEFINITIONS = CsvDownload.of(
            List.of("key", "name", "steps", "conversion_window", "built_in"),
            List.<Function<FunnelDefinition, Object>>of(FunnelDefinition::key, FunnelDefinition::name,
                    funnel -> String.join(" > ", funnel.steps()),
                    funnel -> FunnelController.FunnelView.of(funnel).conversionWindow(), FunnelDefinition::builtIn));

    /** One step of the report or of one of its groups, as a CSV line. */
    private record StepLine(String funnel, String group, StepFigures step) {
    }

    /** One step as the table shows it, with its median time to convert in words. */
    record StepView(StepFigures figures, String median) {
    }

    /** One breakdown group as the table shows it. */
    record GroupView(String key, long contacts, Double overallConversionPercent, List<StepView> steps) {
    }

    /** The define-a-funnel form as typed: steps one per line. */
    record FunnelForm(String key, String name, String steps, String conversionWindow) {

        static FunnelForm blank() {
            return new FunnelForm("", "", "", "P7D");
        }

        static FunnelForm of(FunnelDefinition funnel) {
            return new FunnelForm(funnel.key(), funnel.name(), String.join("\n", funnel.steps()),
                    FunnelController.FunnelView.of(funnel).conversionWindow());
        }

        List<String> stepList() {
            return Arrays.stream((steps == null ? "" : steps).split("[\\r\\n,]+")).map(String::strip)
                    .filter(step -> !step.isEmpty()).toList();
        }
    }

    private final FunnelDefinitions definitions;
    private final FunnelQueries queries;
    private final StepSetDefinitions stepSets;
    private final PageJson json;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    FunnelPage(FunnelDefinitions definitions, FunnelQueries queries, StepSetDefinitions stepSets, PageJson json,
               MessageSource messages) {
        this.definitions = definitions;
        this.queries = queries;
        this.stepSets = stepSets;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/app/funnels")
    String funnels(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String funnel,
                   @RequestParam(required = false) String range, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(required = false) String breakdown,
                   @RequestParam(required = false) String edit, @RequestParam(required = false) String format,
                   @RequestParam(required = false) String table, @RequestParam(required = false) String saved,
                   @RequestParam(required = false) String deleted, @RequestParam(required = false) String stepSet,
                   Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        // a step set's page links here to define a funnel over its steps: its steps are shown open in the form
        model.addAttribute("openStepSet", stepSet);
        model.addAttribute("saved", saved != null);
        model.addAttribute("deleted", deleted != null);
        if ("csv".equals(format) && "definitions".equals(table)) {
            DEFINITIONS.write(response, "funnels.csv", definitions.list(organization));
            return null;
        }
        FunnelForm form = edit == null ? FunnelForm.blank() : definitions.find(organization, edit)
                .map(FunnelForm::of).orElse(FunnelForm.blank());
        Shown shown = show(organization, funnel, range, from, to, breakdown);
        if ("csv".equals(format)) {
            List<StepLine> lines = new ArrayList<>();
            FunnelReport report = shown.report();
            report.steps().forEach(step -> lines.add(new StepLine(report.funnel().key(), "all", step)));
            report.groups().forEach(group -> group.steps().forEach(step ->
                    lines.add(new StepLine(report.funnel().key(), group.key(), step))));
            STEPS.write(response, "funnel-" + report.funnel().key() + "-" + report.from() + "-" + report.to() + ".csv",
                    lines);
            return null;
        }
        return page(model, organization, shown, form, Map.of());
    }

    @PostMapping("/app/funnels")
    String define(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String key,
                  @RequestParam(required = false) String name, @RequestParam(required = false) String steps,
                  @RequestParam(required = false) String conversionWindow, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        FunnelForm form = new FunnelForm(strip(key), name == null ? "" : name, steps == null ? "" : steps,
                strip(conversionWindow));
        try {
            FunnelDefinition saved = definitions.save(organization, form.key(), form.name(), form.stepList(),
                    form.conversionWindow());
            return "redirect:/app/funnels?funnel=" + saved.key() + "&saved";
        } catch (FunnelDefinitions.Refused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(model, organization, show(organization, null, null, null, null, null), form,
                    Map.of(refused.field(), refused.getReason()));
        }
    }

    @PostMapping("/app/funnels/{key}/delete")
    String delete(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String key) {
        if (!definitions.delete(caller.organizationId(), key)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/app/funnels?deleted";
    }

    /** The funnel, period and breakdown a page shows, and the report computed for them. */
    private record Shown(List<FunnelDefinition> funnels, FunnelDefinition funnel, DateRangeForm period,
                         FunnelBreakdown breakdown, FunnelReport report) {
    }

    private Shown show(String organization, String key, String range, String from, String to, String breakdown) {
        List<FunnelDefinition> funnels = definitions.list(organization);
        FunnelDefinition chosen = key == null ? funnels.get(0) : funnels.stream()
                .filter(funnel -> funnel.key().equals(key)).findFirst().orElse(funnels.get(0));
        // 30 days unless chosen, as the API's funnels default to
        DateRangeForm period = DateRangeForm.parse(range == null && from == null ? "30d" : range, from, to, clock);
        FunnelBreakdown by = FunnelBreakdown.parse(breakdown).orElse(FunnelBreakdown.NONE);
        return new Shown(funnels, chosen, period, by,
                queries.compute(organization, chosen, period.from(), period.to(), by));
    }

    private String page(Model model, String organization, Shown shown, FunnelForm form, Map<String, String> errors) {
        FunnelReport report = shown.report();
        model.addAttribute("funnels", shown.funnels());
        model.addAttribute("windows", shown.funnels().stream().collect(Collectors.toMap(FunnelDefinition::key,
                funnel -> window(funnel.conversionWindow()))));
        model.addAttribute("funnel", shown.funnel());
        model.addAttribute("window", window(shown.funnel().conversionWindow()));
        model.addAttribute("range", shown.period());
        model.addAttribute("breakdown", shown.breakdown().parameter());
        model.addAttribute("breakdowns", Arrays.stream(FunnelBreakdown.values()).map(FunnelBreakdown::parameter).toList());
        model.addAttribute("report", report);
        model.addAttribute("steps", views(report.steps()));
        model.addAttribute("groups", report.groups().stream().map(group -> new GroupView(group.key(),
                group.contacts(), group.overallConversionPercent(), views(group.steps()))).toList());
        model.addAttribute("chart", json.write(new ChartData("bar", shown.funnel().steps(), List.of(
                new ChartData.Series(text("funnels.entered"), report.steps().stream().map(StepFigures::entered).toList()),
                new ChartData.Series(text("funnels.converted"),
                        report.steps().stream().map(StepFigures::converted).toList())))));
        if (!report.groups().isEmpty()) {
            List<ChartData.Series> series = report.groups().stream().limit(CHARTED_GROUPS)
                    .map(group -> new ChartData.Series(group.key(),
                            group.steps().stream().map(StepFigures::entered).toList()))
                    .toList();
            model.addAttribute("groupChart", json.write(new ChartData("bar", shown.funnel().steps(), series)));
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("knownSteps", JourneySteps.ALL);
        // the organization's own steps, offered by set, named <set>:<step> as funnels know them
        model.addAttribute("stepSets", stepSets.list(organization).stream()
                .map(StepSetDefinitions.Stored::definition).toList());
        return "analytics/funnels";
    }

    private static List<StepView> views(List<StepFigures> steps) {
        return steps.stream().map(step -> new StepView(step, median(step.medianSecondsToConvert()))).toList();
    }

    /** A median time to convert in words: seconds, minutes, hours and days as they matter. */
    static String median(Double seconds) {
        if (seconds == null) {
            return null;
        }
        Duration time = Duration.ofMillis(Math.round(seconds * 1000));
        if (time.toSeconds() < 60) {
            return time.toSeconds() + " s";
        }
        if (time.toMinutes() < 60) {
            return time.toMinutes() + " min " + time.toSecondsPart() + " s";
        }
        if (time.toHours() < 24) {
            return time.toHours() + " h " + time.toMinutesPart() + " min";
        }
        return time.toDays() + " d " + time.toHoursPart() + " h";
    }

    /** A conversion window in words: whole days, hours or minutes as it was defined. */
    private String window(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 86_400 == 0) {
            return text("funnels.days", seconds / 86_400);
        }
        if (seconds % 3_600 == 0) {
            return text("funnels.hours", seconds / 3_600);
        }
        return seconds % 60 == 0 ? text("funnels.minutes", seconds / 60) : window.toString();
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
