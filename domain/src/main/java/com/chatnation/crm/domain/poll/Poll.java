package com.chatnation.crm.domain.poll;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.Keywords;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One poll and every vote in it. All of a poll's votes go through this one aggregate, so "one vote per contact" is
 * the event stream's order rather than a unique index: two taps of the same contact racing each other are two
 * appends to the same stream, and the second sees the first.
 * <p>
 * Time is the vote's, not the clock's: a vote sent before the closing time counts even when it is handled after
 * it (a message waiting in the inbox through a restart), and one sent after it does not, whether or not the
 * scheduled {@link PollClosed} has been recorded yet.
 */
public class Poll {

    public static final String CLOSING_DEADLINE = "poll-closing";
    public static final int MIN_OPTIONS = 2;
    /** WhatsApp lists take 10 rows. */
    public static final int MAX_OPTIONS = 10;
    /** WhatsApp's list rows take titles of 24 characters; buttons take 20 (longer labels make the poll a list). */
    public static final int MAX_LABEL_LENGTH = 24;
    /** WhatsApp's interactive message body takes 1024 characters. */
    public static final int MAX_QUESTION_LENGTH = 1024;

    @AggregateIdentifier
    private String pollId;
    private String organizationId;
    private String question;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Instant opensAt;
    private Instant closesAt;
    private boolean votesChangeable;
    private Instant closedAt;
    /** Contact → the option their vote counts for. */
    private final Map<String, String> votes = new HashMap<>();

    protected Poll() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Poll(CreatePoll command, DeadlineManager deadlines) {
        requireText(command.pollId(), "poll id");
        requireText(command.organizationId(), "organization id");
        if (command.question() == null || command.question().isBlank()) {
            throw new DomainRuleViolation("missing_question", "the poll's question is required");
        }
        String question = command.question().strip();
        if (question.length() > MAX_QUESTION_LENGTH) {
            throw new DomainRuleViolation("question_too_long",
                    "the question takes at most " + MAX_QUESTION_LENGTH + " characters, got " + question.length());
        }
        List<PollOption> options = options(command.options());
        Instant created = command.requestedAt() == null ? Instant.now() : command.requestedAt();
        Instant opens = command.opensAt() == null ? created : command.opensAt();
        if (command.closesAt() != null && !command.closesAt().isAfter(created)) {
            throw new DomainRuleViolation("closes_in_the_past", "the poll's closing time has already passed");
        }
        if (command.closesAt() != null && !command.closesAt().isAfter(opens)) {
            throw new DomainRuleViolation("closes_before_opening", "the poll must close after it opens");
        }
        apply(new PollCreated(command.pollId(), command.organizationId(), question, options, opens,
                command.closesAt(), command.votesChangeable(), keyword(command.keyword()),
                blankToNull(command.eventSessionId()), created));
        if (command.closesAt() != null) {
            deadlines.schedule(command.closesAt(), CLOSING_DEADLINE);
        }
    }

    @CommandHandler
    public VoteOutcome handle(CastVote command) {
        if (!Objects.equals(organizationId, command.organizationId())) {
            // a tapped id naming another organization's poll is answered as if there were no such poll
            return VoteOutcome.unknownPoll();
        }
        requireText(command.contactId(), "contact id");
        Instant at = Objects.requireNonNull(command.at(), "the vote's time is required");
        String label = labels.get(command.optionId());
        if (label == null) {
            return outcome(VoteOutcome.Result.UNKNOWN_OPTION, null, null);
        }
        if (closedBy(at)) {
            return new VoteOutcome(VoteOutcome.Result.CLOSED, question, label, null, opensAt, closingTime());
        }
        if (at.isBefore(opensAt)) {
            return outcome(VoteOutcome.Result.NOT_OPEN_YET, label, null);
        }
        String previous = votes.get(command.contactId());
        if (previous == null) {
            apply(new VoteCast(pollId, organizationId, command.contactId(), command.optionId(), at));
            return outcome(VoteOutcome.Result.COUNTED, label, null);
        }
        if (previous.equals(command.optionId())) {
            return outcome(VoteOutcome.Result.UNCHANGED, label, null);
        }
        if (!votesChangeable) {
            return outcome(VoteOutcome.Result.CHANGE_NOT_ALLOWED, label, labels.get(previous));
        }
        apply(new VoteChanged(pollId, organizationId, command.contactId(), previous, command.optionId(), at));
        return outcome(VoteOutcome.Result.CHANGED, label, labels.get(previous));
    }

    @CommandHandler
    public void handle(ClosePoll command) {
        if (!Objects.equals(organizationId, command.organizationId())) {
            throw new DomainRuleViolation("unknown_poll", "no poll " + command.pollId() + " in this organization");
        }
        Instant at = command.at() == null ? Instant.now() : command.at();
        if (closedAt != null || closedBy(at)) {
            throw new DomainRuleViolation("poll_closed", "the poll closed at " + closingTime());
        }
        apply(new PollClosed(pollId, organizationId, at, PollClosed.BY_STAFF));
    }

    /** The closing time came: recorded, unless someone closed the poll earlier. */
    @DeadlineHandler(deadlineName = CLOSING_DEADLINE)
    public void onClosingTime() {
        if (closedAt == null && closesAt != null) {
            apply(new PollClosed(pollId, organizationId, closesAt, PollClosed.SCHEDULED));
        }
    }

    private boolean closedBy(Instant at) {
        return (closedAt != null && !at.isBefore(closedAt)) || (closesAt != null && !at.isBefore(closesAt));
    }

    private Instant closingTime() {
        if (closedAt != null && (closesAt == null || closedAt.isBefore(closesAt))) {
            return closedAt;
        }
        return closesAt;
    }

    private VoteOutcome outcome(VoteOutcome.Result result, String label, String previous) {
        return new VoteOutcome(result, question, label, previous, opensAt, closingTime());
    }

    private static List<PollOption> options(List<String> given) {
        List<String> labels = given == null ? List.of() : given;
        if (labels.size() < MIN_OPTIONS || labels.size() > MAX_OPTIONS) {
            throw new DomainRuleViolation("invalid_options",
                    "a poll offers " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options, got " + labels.size());
        }
        List<PollOption> options = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new DomainRuleViolation("invalid_options", "option " + (options.size() + 1) + " is empty");
            }
            String stripped = label.strip();
            if (stripped.length() > MAX_LABEL_LENGTH) {
                throw new DomainRuleViolation("invalid_options", "option '" + stripped + "' is longer than "
                        + MAX_LABEL_LENGTH + " characters, which WhatsApp cannot show");
            }
            if (!seen.add(stripped.toLowerCase(Locale.ROOT))) {
                throw new DomainRuleViolation("invalid_options", "option '" + stripped + "' is offered twice");
            }
            options.add(new PollOption(Integer.toString(options.size() + 1), stripped));
        }
        return options;
    }

    /** Optional for a poll: none means it is reached another way. */
    private static String keyword(String given) {
        return given == null || given.isBlank() ? null : Keywords.require(given);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(PollCreated event) {
        pollId = event.pollId();
        organizationId = event.organizationId();
        question = event.question();
        event.options().forEach(option -> labels.put(option.optionId(), option.label()));
        opensAt = event.opensAt();
        closesAt = event.closesAt();
        votesChangeable = event.votesChangeable();
    }

    @EventSourcingHandler
    void on(VoteCast event) {
        votes.put(event.contactId(), event.optionId());
    }

    @EventSourcingHandler
    void on(VoteChanged event) {
        votes.put(event.contactId(), event.optionId());
    }

    @EventSourcingHandler
    void on(PollClosed event) {
        closedAt = event.at();
    }
}
