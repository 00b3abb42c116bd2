package com.chatnation.crm.application.inbox;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Grants;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.template.MessageTemplate;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.InboxQueries.Filter;
import com.chatnation.crm.projections.queries.InboxQueries.InboxItem;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import com.chatnation.crm.projections.staff.StaffDirectory;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The team inbox: conversations by who holds them, one conversation's transcript with its delivery ticks and notes,
 * and the agent's actions. The list and the transcript refresh themselves every few seconds (htmx polling), so a
 * contact's new message and a reply's ticks show without reloading. Actions answer with a redirect back to the
 * conversation; a refusal (the window closed, nothing to hand back, …) is shown above the reply box.
 */
@DashboardPage
class InboxPage {

    private static final int LIST_SIZE = 50;
    private static final int TRANSCRIPT_SIZE = 200;
    private static final int EXPORT_CHUNK = 500;

    private static final CsvDownload<InboxItem> LIST_CSV = CsvDownload.of(
            List.of("session", "contact", "phone", "name", "inbox_status", "assigned_agent", "handover_reason",
                    "handed_over_at", "first_human_response_at", "last_message_at", "messages", "status"),
            List.<Function<InboxItem, Object>>of(InboxItem::id, InboxItem::contactId, InboxItem::contactPhone,
                    InboxItem::profileName, InboxItem::inboxStatus, InboxItem::assignedAgentId,
                    InboxItem::handoverReason, InboxItem::handedOverAt, InboxItem::firstHumanResponseAt,
                    InboxItem::lastMessageAt, InboxItem::messageCount, InboxItem::status));

    private final InboxService inbox;
    private final StaffDirectory staff;
    private final TemplateQueries templates;
    private final Clock clock = Clock.systemUTC();

    InboxPage(InboxService inbox, StaffDirectory staff, TemplateQueries templates) {
        this.inbox = inbox;
        this.staff = staff;
        this.templates = templates;
    }

    @GetMapping("/app/inbox")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String filter,
                @RequestParam(required = false) String cursor, @RequestParam(required = false) String format,
                Model model, HttpServletResponse response) {
        Filter chosen = filter(filter);
        if ("csv".equals(format)) {
            LIST_CSV.write(response, "inbox-" + chosen.wireName() + ".csv", EveryRow.of(after ->
                    inbox.list(caller.organizationId(), chosen, caller.id(), after, EXPORT_CHUNK)));
            return null;
        }
        fillList(caller, chosen, cursor, model);
        return "inbox/inbox";
    }

    @GetMapping("/app/inbox/{sessionId}")
    String conversation(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String sessionId,
                        @RequestParam(required = false) String filter, Model model) {
        InboxService.Detail detail = inbox.detail(caller.organizationId(), sessionId, null, TRANSCRIPT_SIZE);
        Filter chosen = filter(filter);
        fillList(caller, chosen, null, model);
        model.addAttribute("detail", detail);
        model.addAttribute("agents", agents(caller.organizationId()));
        model.addAttribute("names", names(caller.organizationId()));
        Instant closes = detail.conversation().windowClosesAt();
        Duration left = closes == null ? Duration.ZERO : Duration.between(clock.instant(), closes);
        model.addAttribute("windowOpen", !left.isNegative() && !left.isZero());
        model.addAttribute("windowLeft", left.isNegative() ? Duration.ZERO : left);
        model.addAttribute("templates", sendableTemplates(caller.organizationId()));
        model.addAttribute("mine", caller.id().equals(detail.conversation().assignedAgentId()));
        return "inbox/inbox";
    }

    @PostMapping("/app/inbox/{sessionId}/takeover")
    String takeOver(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String sessionId,
                    RedirectAttributes redirect) {
        return act(sessionId, redirect, () -> inbox.takeOver(caller.organizationId(), sessionId, caller.id()));
    }

    @PostMapping("/app/inbox/{sessionId}/assignment")
    String assign(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String sessionId,
                  @RequestParam(required = false) String agentId, RedirectAttributes redirect) {
        return act(sessionId, redirect, () -> inbox.assign(caller.organizationId(), sessionId, agentId, caller.id()));
    }

    @PostMapping("/app/inbox/{sessionId}/replies")
    String reply(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String sessionId,
                 @RequestParam(required = false) String text, @RequestParam(required = false) String templateId,
                 @RequestParam(required = false) String parameter, RedirectAttributes redirect) {
        return act(sessionId, redirect, () -> {
            if (templateId != null && !templateId.isBlank()) {
                List<String> parameters = parameter == null || parameter.isBlank() ? List.of() : List.of(parameter);
                inbox.replyWithTemplate(caller.organizationId(), sessionId, caller.id(), templateId, parameters);
            } else {
                inbox.reply(caller.organizationId(), sessionId, caller.id(), text == null ? "" : text);
            }
        });
    }

    @PostMapping("/app/inbox/{sessionId}/notes")
    String note(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String sessionId,
                @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return act(sessionId, redirect, () -> inbox.note(caller.organizationId(), sessionId, caller.id(),
                text == null ? "" : text));
    }

    @PostMapping("/app/inbox/{sessionId}/handback")
    String handBack(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String sessionId,
                    RedirectAttributes redirect) {
        return act(sessionId, redirect, () -> inbox.handBack(caller.organizationId(), sessionId, caller.id()));
    }

    @PostMapping("/app/inbox/{sessionId}/close")
    String close(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String sessionId,
                 RedirectAttributes redirect) {
        return act(sessionId, redirect, () -> inbox.close(caller.organizationId(), sessionId, caller.id()));
    }

    /**
     * Runs an action and goes back to the conversation. A refusal is shown there; a conversation of another
     * organization, or none, is not found and ends on the error page instead.
     */
    private String act(String sessionId, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (RefusedRequest refused) {
            if (refused.status().value() == 404) {
                throw refused;
            }
            redirect.addFlashAttribute("refusal", refused.getMessage());
        } catch (DomainRuleViolation violation) {
            redirect.addFlashAttribute("refusal", violation.getMessage());
        }
        return "redirect:/app/inbox/" + sessionId;
    }

    private void fillList(CrmPrincipal caller, Filter filter, String cursor, Model model) {
        Page<InboxItem> items = inbox.list(caller.organizationId(), filter, caller.id(), PageCursor.parse(cursor), LIST_SIZE);
        model.addAttribute("filter", filter.wireName());
        model.addAttribute("filters", List.of(Filter.WAITING, Filter.UNASSIGNED, Filter.MINE, Filter.BOT,
                Filter.CLOSED).stream().map(Filter::wireName).toList());
        model.addAttribute("items", items);
        model.addAttribute("now", clock.instant());
    }

    /** Members who may answer conversations: the ones a conversation can be assigned to. */
    private List<StaffMemberRow> agents(String organizationId) {
        return staff.members(organizationId).stream().filter(StaffMemberRow::active)
                .filter(member -> Grants.ofRoles(member.roles()).contains(Permission.CONVERSATIONS_WRITE))
                .toList();
    }

    private Map<String, String> names(String organizationId) {
        return staff.members(organizationId).stream()
                .collect(Collectors.toMap(StaffMemberRow::id, StaffMemberRow::displayName, (a, b) -> a));
    }

    /** Approved templates the inbox can send outside the window (as {@link InboxService#replyWithTemplate}). */
    private List<TemplateRow> sendableTemplates(String organizationId) {
        List<TemplateRow> sendable = new ArrayList<>();
        Cursor after = null;
        do {
            Page<TemplateRow> page = templates.templates(organizationId, MessageTemplate.APPROVED, after, 100);
            page.items().stream().filter(t -> t.deletedAt() == null && t.content() != null
                    && !t.content().hasMediaHeader() && t.content().headerParameters().isEmpty()
                    && t.content().parameterisedButtons().isEmpty() && t.content().bodyParameters().size() <= 1)
                    .forEach(sendable::add);
            after = page.nextCursor() == null || sendable.size() >= 200 ? null : Cursor.decode(page.nextCursor());
        } while (after != null);
        return sendable;
    }

    private static Filter filter(String value) {
        Filter parsed = value == null ? null : Filter.parse(value);
        return parsed == null ? Filter.WAITING : parsed;
    }
}
