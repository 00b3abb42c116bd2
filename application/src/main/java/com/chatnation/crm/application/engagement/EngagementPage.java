package com.chatnation.crm.application.engagement;

import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.EngagementQueries;
import com.chatnation.crm.projections.queries.EngagementQueries.BestTimes;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Engagement and churn: how many contacts are new, active, loyal, at risk and lapsed now, the hours and weekdays
 * contacts read the organization's messages (in UTC or a chosen zone) as bar charts, and the contacts of a class
 * with their figures, paged, with the same table as CSV ({@code ?format=csv}).
 */
@DashboardPage
class EngagementPage {

    private static final int ROWS_PER_PAGE = 50;

    private final EngagementQueries queries;
    private final PageJson json;
    private final MessageSource messages;

    EngagementPage(EngagementQueries queries, PageJson json, MessageSource messages) {
        this.queries = queries;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/app/engagement")
    String engagement(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String segment,
                      @RequestParam(required = false) String zone, @RequestParam(required = false) String cursor,
                      @RequestParam(required = false) String format, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        Instant now = Instant.now();
        String chosen;
        ZoneId in;
        try {
            chosen = EngagementRequests.segment(segment);
            in = EngagementRequests.zone(zone);
        } catch (ResponseStatusException refused) {
            // a hand-edited link: show everything in UTC and say why
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("paramError", refused.getReason());
            chosen = null;
            in = ZoneOffset.UTC;
        }
        String segmentFilter = chosen;
        if ("csv".equals(format)) {
            EngagementRequests.CONTACTS_CSV.write(response, "engagement-contacts.csv", EveryRow.of(after ->
                    queries.contacts(organization, now, segmentFilter, after, 200)));
            return null;
        }
        Map<String, Long> segments = queries.segments(organization, now);
        BestTimes times;
        try {
            times = queries.bestTimes(organization, in);
        } catch (IllegalArgumentException unknown) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("paramError", unknown.getMessage());
            in = ZoneOffset.UTC;
            times = queries.bestTimes(organization, in);
        }
        model.addAttribute("segments", segments);
        model.addAttribute("segment", chosen);
        model.addAttribute("zone", in.getId());
        model.addAttribute("times", times);
        model.addAttribute("bestHour", times.bestHour() == null ? null : String.format("%02d:00", times.bestHour()));
        model.addAttribute("bestWeekday", times.bestWeekday() == null ? null
                : DayOfWeek.valueOf(times.bestWeekday().toUpperCase(java.util.Locale.ROOT))
                .getDisplayName(TextStyle.FULL, LocaleContextHolder.getLocale()));
        model.addAttribute("segmentChart", json.write(new ChartData("bar",
                segments.keySet().stream().map(key -> text("engagement.segment." + key)).toList(),
                List.of(new ChartData.Series(text("engagement.contacts"), new ArrayList<>(segments.values()))))));
        model.addAttribute("hoursChart", json.write(new ChartData("bar",
                IntStream.range(0, 24).mapToObj(hour -> String.format("%02d", hour)).toList(),
                List.of(new ChartData.Series(text("engagement.reads"), times.hours())))));
        model.addAttribute("weekdaysChart", json.write(new ChartData("bar",
                IntStream.rangeClosed(1, 7).mapToObj(day -> DayOfWeek.of(day)
                        .getDisplayName(TextStyle.SHORT, LocaleContextHolder.getLocale())).toList(),
                List.of(new ChartData.Series(text("engagement.reads"), times.weekdays())))));
        Cursor after = PageCursor.parse(cursor);
        if (after != null && !isContact(after.key())) {
            after = null;
        }
        model.addAttribute("contacts", queries.contacts(organization, now, chosen, after, ROWS_PER_PAGE));
        return "engagement/engagement";
    }

    private static boolean isContact(String key) {
        try {
            UUID.fromString(key);
            return true;
        } catch (IllegalArgumentException notAnId) {
            return false;
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
