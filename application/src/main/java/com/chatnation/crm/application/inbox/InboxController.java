package com.chatnation.crm.application.inbox;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.queries.InboxQueries.Filter;
import com.chatnation.crm.projections.queries.InboxQueries.InboxItem;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static com.chatnation.crm.application.platform.web.DashboardRequests.after;
import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;
import static com.chatnation.crm.application.platform.web.DashboardRequests.limit;

/**
 * The team's inbox: the organization's conversations by who holds them, and what an agent does with one. The agent
 * is always the logged-in staff member; API keys may read but not act as an agent (422 {@code agent_required}).
 * {@code conversationId} is a session id, as in the dashboard's transcript endpoint.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/inbox")
@Tag(name = "Inbox")
@SecurityRequirement(name = "bearer")
class InboxController {

    private final InboxService inbox;

    InboxController(InboxService inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(summary = "Conversations by who holds them, most recent activity first",
            description = "filter: waiting (default; handed to the team and the contact waits for a person's answer), "
                    + "unassigned (handed over, nobody assigned), mine (handed over and assigned to the caller, staff "
                    + "only), bot (the bot holds them), closed (sessions that ended). Each item has the handover state, "
                    + "the assigned agent, when the contact's 24-hour window closes and the latest message. Keyset "
                    + "paginated: pass nextCursor back as after.")
    Page<InboxItem> list(@PathVariable String orgId,
                         @Parameter(description = "waiting, unassigned, mine, bot or closed") @RequestParam(required = false) String filter,
                         @Parameter(description = "page size, 1 to 200, default 50") @RequestParam(required = false) String limit,
                         @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String after,
                         @AuthenticationPrincipal CrmPrincipal caller) {
        Filter chosen = filter == null || filter.isBlank() ? Filter.WAITING : Filter.parse(filter.strip());
        if (chosen == null) {
            throw badRequest("filter is one of " + Arrays.stream(Filter.values()).map(Filter::wireName)
                    .collect(Collectors.joining(", ")) + ", was '" + filter + "'");
        }
        return inbox.list(orgId, chosen, agentOf(caller), after(after), limit(limit));
    }

    @GetMapping("/{conversationId}")
    @Operation(summary = "One conversation: handover state, assignee, window, notes and transcript",
            description = "The transcript holds the contact's messages (media by reference) and the replies with their "
                    + "delivery status and times (queued, held, sent, delivered, read, failed, expired), and the agent "
                    + "who wrote each of the team's replies. It is paginated oldest first: pass transcript.nextCursor "
                    + "back as after. Notes are the newest 200, oldest first.")
    InboxService.Detail detail(@PathVariable String orgId, @PathVariable String conversationId,
                               @Parameter(description = "transcript page size, 1 to 200, default 50") @RequestParam(required = false) String limit,
                               @Parameter(description = "transcript.nextCursor of the previous page") @RequestParam(required = false) String after) {
        return inbox.detail(orgId, conversationId, after(after), limit(limit));
    }

    @PostMapping("/{conversationId}/takeover")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take the conversation over: the bot stops answering and it is assigned to the caller",
            description = "A survey under way is left (recorded as abandoned). An ended session is a 422 "
                    + "no_active_conversation.")
    void takeOver(@PathVariable String orgId, @PathVariable String conversationId,
                  @AuthenticationPrincipal CrmPrincipal caller) {
        inbox.takeOver(orgId, conversationId, requireAgent(caller));
    }

    record Assignment(String agentId) {
    }

    @PostMapping("/{conversationId}/assignment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Assign the conversation to a staff member",
            description = "agentId: an active member of the organization who may answer conversations (else 422 "
                    + "invalid_agent). A conversation the bot holds is handed over with it.")
    void assign(@PathVariable String orgId, @PathVariable String conversationId, @RequestBody Assignment assignment,
                @AuthenticationPrincipal CrmPrincipal caller) {
        String by = requireAgent(caller);
        if (assignment == null || assignment.agentId() == null || assignment.agentId().isBlank()) {
            throw badRequest("agentId: the staff member to assign is required");
        }
        inbox.assign(orgId, conversationId, assignment.agentId().strip(), by);
    }

    record Reply(String text, String templateId, List<String> parameters) {
    }

    record ReplyAccepted(String replyId) {
    }

    @PostMapping("/{conversationId}/replies")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Answer the contact",
            description = "Inside the contact's 24-hour window: {\"text\": …} (up to 4,096 characters), sent "
                    + "free-form; outside it that is a 422 window_closed. Outside the window: {\"templateId\": …, "
                    + "\"parameters\": [\"…\"]}, an approved template with at most one body parameter and no header or "
                    + "button parameters (422 template_not_sendable otherwise; 422 window_open while the window is open). "
                    + "Billed like the bot's replies (inbox/agent_reply; a template at templates/<category>), held "
                    + "while the wallet cannot pay, and tracked in the transcript with its delivery status. A "
                    + "conversation the bot holds is taken over by the caller first.")
    ReplyAccepted reply(@PathVariable String orgId, @PathVariable String conversationId, @RequestBody Reply reply,
                        @AuthenticationPrincipal CrmPrincipal caller) {
        String agent = requireAgent(caller);
        if (reply == null || (reply.text() == null) == (reply.templateId() == null)) {
            throw badRequest("either text (a free-form reply) or templateId (with parameters) is required, not both");
        }
        if (reply.templateId() == null && reply.parameters() != null) {
            throw badRequest("parameters go with a templateId");
        }
        String replyId = reply.templateId() != null
                ? inbox.replyWithTemplate(orgId, conversationId, agent, reply.templateId(), reply.parameters())
                : inbox.reply(orgId, conversationId, agent, reply.text());
        return new ReplyAccepted(replyId);
    }

    record Note(String text) {
    }

    record NoteAccepted(String noteId) {
    }

    @PostMapping("/{conversationId}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Write an internal note on the conversation (never sent to the contact)",
            description = "Up to 2,000 characters. Notes are about the contact: the organization's message text "
                    + "retention blanks them and erasing the contact deletes them.")
    NoteAccepted note(@PathVariable String orgId, @PathVariable String conversationId, @RequestBody Note note,
                      @AuthenticationPrincipal CrmPrincipal caller) {
        String agent = requireAgent(caller);
        if (note == null || note.text() == null) {
            throw badRequest("text is required");
        }
        return new NoteAccepted(inbox.note(orgId, conversationId, agent, note.text()));
    }

    @PostMapping("/{conversationId}/handback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Give the conversation back to the bot",
            description = "The bot answers the contact's next message. 422 not_handed_over when the bot holds it.")
    void handBack(@PathVariable String orgId, @PathVariable String conversationId,
                  @AuthenticationPrincipal CrmPrincipal caller) {
        inbox.handBack(orgId, conversationId, requireAgent(caller));
    }

    @PostMapping("/{conversationId}/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Close the session",
            description = "The contact's next message starts a new session with the bot.")
    void close(@PathVariable String orgId, @PathVariable String conversationId,
               @AuthenticationPrincipal CrmPrincipal caller) {
        inbox.close(orgId, conversationId, requireAgent(caller));
    }

    /** The staff member calling, or null for an API key. */
    private static String agentOf(CrmPrincipal caller) {
        return caller != null && caller.kind() == CrmPrincipal.Kind.STAFF ? caller.id() : null;
    }

    private static String requireAgent(CrmPrincipal caller) {
        String agent = agentOf(caller);
        if (agent == null) {
            throw InboxRefusal.agentRequired();
        }
        return agent;
    }
}
