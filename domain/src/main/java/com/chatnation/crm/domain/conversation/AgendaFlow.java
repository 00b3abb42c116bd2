package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.conversation.AgendaCatalog.AgendaDay;
import com.chatnation.crm.domain.conversation.AgendaCatalog.SessionDetail;
import com.chatnation.crm.domain.conversation.AgendaCatalog.SessionSummary;
import com.chatnation.crm.domain.conversation.AgendaCatalog.SpeakerOnStage;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.messaging.OutboundReply.Choice;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An event's agenda in a conversation. "agenda" (or the menu's row) lists the sessions of the agenda day
 * ({@link AgendaCatalog#agendaDay}: today's in the agenda's time zone, else the next day that has some) as a list;
 * tapping a row or typing its number shows the session: its time, room, description and speakers, with a button to be
 * reminded of it ({@link ConversationEffect.RemindOfSession}) or, once asked, to cancel the reminder
 * ({@link ConversationEffect.CancelSessionReminder}). Asking twice or cancelling a reminder there is none of changes
 * nothing, so the answers do not wait for the outcome. The buttons stay in the chat: a tap on one is understood when
 * the contact is idle too. Replies are billed to the events module.
 */
final class AgendaFlow {

    static final String MODULE = "events";
    static final Set<String> WORDS = Set.of("agenda", "sessions", "ratiba");
    static final String SESSION_PREFIX = "session:";
    static final String REMIND_PREFIX = "agenda:remind:";
    static final String UNREMIND_PREFIX = "agenda:unremind:";
    static final String BACK = "agenda:back";
    /** The ids of the sessions listed, in order, so a typed number picks one. */
    static final String SHOWN = "sessions";
    /** WhatsApp's interactive bodies take 1,024 characters. */
    private static final int BODY = 1024;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private AgendaFlow() {
    }

    static boolean asks(TurnContext context) {
        return WORDS.contains(context.word());
    }

    /** Whether the message is a tap on one of the agenda's buttons or rows. */
    static boolean isTapped(TurnContext context) {
        String tapped = context.tappedId();
        return tapped != null && (tapped.startsWith("agenda:") || tapped.startsWith(SESSION_PREFIX));
    }

    /** Lists the sessions of the agenda day. */
    static Turn start(TurnContext context) {
        Optional<AgendaDay> day = context.agenda().agendaDay(context.organizationId(), context.now());
        if (day.isEmpty() || day.get().sessions().isEmpty()) {
            return Turn.idle().billedTo(MODULE).say("There are no sessions on the agenda right now. Send *menu* for "
                    + "other options.");
        }
        ZoneId zone = ZoneId.of(day.get().timeZone());
        List<SessionSummary> shown = day.get().sessions().subList(0, Math.min(10, day.get().sessions().size()));
        List<Choice> rows = new ArrayList<>();
        for (SessionSummary session : shown) {
            String when = TIME.format(session.startsAt().atZone(zone)) + "–" + TIME.format(session.endsAt().atZone(zone));
            rows.add(new Choice(SESSION_PREFIX + session.sessionId(), Texts.fit(session.title(), 24),
                    Texts.fit(session.room() == null ? when : when + " · " + session.room(), 72)));
        }
        boolean today = day.get().day().equals(context.now().atZone(zone).toLocalDate());
        String body = (today ? "Today's sessions (" : "Sessions on ") + DAY.format(day.get().day())
                + (today ? ")" : "") + ". Tap one to see who speaks and to get a reminder.";
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SHOWN, String.join(",", shown.stream().map(SessionSummary::sessionId).toList()));
        return Turn.to(ConversationState.BROWSING_AGENDA, data)
                .say(new OutboundReply.ChoiceList(body, "Sessions", rows));
    }

    /** In {@code browsing_agenda}: a tapped row or a listed number shows a session; anything else moves on. */
    static Turn browse(TurnContext context) {
        if (isTapped(context)) {
            return tapped(context);
        }
        if (asks(context)) {
            return start(context);
        }
        List<String> shown = shown(context.data());
        String typed = context.word();
        for (int i = 0; i < shown.size(); i++) {
            if (typed.equals(Integer.toString(i + 1))) {
                return detail(context, shown.get(i));
            }
        }
        Turn moved = IdleFlow.route(context.inState(ConversationState.IDLE, Map.of()));
        // the contact left the agenda: what they asked for next is billed to the flow it starts, as from idle
        return moved.billedAs() != null ? moved
                : moved.billedTo((moved.next() == ConversationState.HANDED_OVER ? ConversationState.IDLE
                : moved.next()).module());
    }

    /** A tap on a session's row or one of its buttons, in the agenda or (the buttons staying in the chat) when idle. */
    static Turn tapped(TurnContext context) {
        String tapped = context.tappedId();
        if (tapped.startsWith(SESSION_PREFIX)) {
            return detail(context, tapped.substring(SESSION_PREFIX.length()));
        }
        if (tapped.startsWith(REMIND_PREFIX)) {
            return remind(context, tapped.substring(REMIND_PREFIX.length()));
        }
        if (tapped.startsWith(UNREMIND_PREFIX)) {
            return unremind(context, tapped.substring(UNREMIND_PREFIX.length()));
        }
        return start(context);
    }

    private static Turn detail(TurnContext context, String sessionId) {
        Optional<SessionDetail> found = context.agenda().session(context.organizationId(), sessionId,
                context.conversationId());
        if (found.isEmpty()) {
            return stay(context).say(gone());
        }
        SessionDetail session = found.get();
        ZoneId zone = ZoneId.of(session.timeZone());
        StringBuilder body = new StringBuilder("*").append(session.title()).append("*\n")
                .append(when(session, zone)).append(" (").append(session.timeZone()).append(')');
        if (session.room() != null) {
            body.append("\nRoom: ").append(session.room());
        }
        if (session.description() != null) {
            body.append("\n\n").append(session.description());
        }
        if (!session.speakers().isEmpty()) {
            body.append(session.speakers().size() == 1 ? "\n\nSpeaker:" : "\n\nSpeakers:");
            for (SpeakerOnStage speaker : session.speakers()) {
                body.append("\n• ").append(speaker.name());
                if (speaker.title() != null) {
                    body.append(", ").append(speaker.title());
                }
                if (speaker.company() != null) {
                    body.append(", ").append(speaker.company());
                }
            }
        }
        List<Choice> buttons = new ArrayList<>();
        if (session.reminderPending()) {
            buttons.add(new Choice(UNREMIND_PREFIX + session.sessionId(), "Cancel reminder"));
        } else if (session.startsAt().isAfter(context.now())) {
            buttons.add(new Choice(REMIND_PREFIX + session.sessionId(), "Remind me"));
        }
        buttons.add(new Choice(BACK, "Back to agenda"));
        return stay(context).say(new OutboundReply.Buttons(Texts.fit(body.toString(), BODY), buttons));
    }

    private static Turn remind(TurnContext context, String sessionId) {
        Optional<SessionDetail> found = context.agenda().session(context.organizationId(), sessionId,
                context.conversationId());
        if (found.isEmpty()) {
            return stay(context).say(gone());
        }
        SessionDetail session = found.get();
        if (!session.startsAt().isAfter(context.now())) {
            return stay(context).say("*" + session.title() + "* has already started, so there is nothing to remind "
                    + "you of. Send *agenda* to see what comes next.");
        }
        ZoneId zone = ZoneId.of(session.timeZone());
        return stay(context)
                .andThen(new ConversationEffect.RemindOfSession(session.eventId(), session.sessionId(),
                        session.startsAt()))
                .say(new OutboundReply.Buttons("Done! I'll remind you here shortly before *" + session.title()
                        + "* starts (" + when(session, zone) + ").",
                        List.of(new Choice(UNREMIND_PREFIX + session.sessionId(), "Cancel reminder"),
                                new Choice(BACK, "Back to agenda"))));
    }

    private static Turn unremind(TurnContext context, String sessionId) {
        Optional<SessionDetail> found = context.agenda().session(context.organizationId(), sessionId,
                context.conversationId());
        Turn turn = stay(context).andThen(new ConversationEffect.CancelSessionReminder(sessionId));
        if (found.isEmpty()) {
            return turn.say("Okay, no reminder. Send *agenda* to see the sessions.");
        }
        List<Choice> buttons = new ArrayList<>();
        if (found.get().startsAt().isAfter(context.now())) {
            buttons.add(new Choice(REMIND_PREFIX + sessionId, "Remind me"));
        }
        buttons.add(new Choice(BACK, "Back to agenda"));
        return turn.say(new OutboundReply.Buttons("Okay, no reminder for *" + found.get().title() + "*.", buttons));
    }

    /** The agenda's list stays open to numbers while the contact browses it; a tap when idle leaves them idle. */
    private static Turn stay(TurnContext context) {
        return context.state() == ConversationState.BROWSING_AGENDA
                ? Turn.to(ConversationState.BROWSING_AGENDA, context.data())
                : Turn.idle().billedTo(MODULE);
    }

    private static String gone() {
        return "Sorry, that session is no longer on the agenda. Send *agenda* to see the sessions.";
    }

    private static String when(SessionDetail session, ZoneId zone) {
        return DAY.format(session.startsAt().atZone(zone)) + ", " + TIME.format(session.startsAt().atZone(zone))
                + "–" + TIME.format(session.endsAt().atZone(zone));
    }

    private static List<String> shown(Map<String, String> data) {
        String ids = data.get(SHOWN);
        return ids == null || ids.isBlank() ? List.of() : List.of(ids.split(","));
    }

}
