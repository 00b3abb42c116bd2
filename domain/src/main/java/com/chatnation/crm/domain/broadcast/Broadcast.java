package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.List;
import java.util.Objects;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A broadcast's life: its template and audience, when it is sent, and its token reservation. It stays small
 * whatever the audience: each recipient is a {@link BroadcastRecipient} stream of its own, so a status webhook or
 * a send to one of 100,000 recipients loads a handful of events, never the broadcast's whole history, and the
 * broadcast itself sees only a few commands (create, schedule, start, complete or cancel).
 */
public class Broadcast {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_CALLBACK_DATA_LENGTH = 512;

    @AggregateIdentifier
    private String broadcastId;
    private String organizationId;
    private BroadcastStatus status;
    private long tokensReserved;

    protected Broadcast() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Broadcast(CreateBroadcast command) {
        requireText(command.broadcastId(), "broadcast id");
        requireText(command.organizationId(), "organization id");
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new DomainRuleViolation("invalid_name",
                    "a broadcast has a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (command.template() == null) {
            throw new DomainRuleViolation("invalid_template", "a broadcast names its template and language");
        }
        if (command.callbackData() != null && command.callbackData().length() > MAX_CALLBACK_DATA_LENGTH) {
            throw new DomainRuleViolation("invalid_callback_data",
                    "callback data has at most " + MAX_CALLBACK_DATA_LENGTH + " characters");
        }
        List<ParameterBinding> parameters = command.parameters() == null ? List.of() : command.parameters();
        if (parameters.size() > BroadcastRecipient.MAX_PARAMETERS || parameters.stream().anyMatch(Objects::isNull)) {
            throw new DomainRuleViolation("invalid_parameter_binding",
                    "a broadcast binds at most " + BroadcastRecipient.MAX_PARAMETERS + " parameters, none of them empty");
        }
        apply(new BroadcastCreated(command.broadcastId(), command.organizationId(), name, command.template(),
                parameters, command.header(), command.audienceId(), command.callbackData()));
    }

    @CommandHandler
    public void handle(ScheduleBroadcast command) {
        requireOwnedBy(command.organizationId());
        if (status != BroadcastStatus.DRAFT && status != BroadcastStatus.SCHEDULED) {
            throw new DomainRuleViolation("not_schedulable", "a " + status.name().toLowerCase()
                    + " broadcast cannot be scheduled");
        }
        if (command.sendAt() == null || command.now() == null || !command.sendAt().isAfter(command.now())) {
            throw new DomainRuleViolation("schedule_in_the_past",
                    "a broadcast is scheduled for a time after now, was " + command.sendAt());
        }
        apply(new BroadcastScheduled(broadcastId, organizationId, command.sendAt()));
    }

    @CommandHandler
    public void handle(StartBroadcast command) {
        if (status != BroadcastStatus.DRAFT && status != BroadcastStatus.SCHEDULED) {
            throw new DomainRuleViolation("not_startable", "a " + status.name().toLowerCase()
                    + " broadcast cannot start");
        }
        if (command.recipients() <= 0) {
            throw new DomainRuleViolation("audience_empty", "the broadcast has nobody to send to");
        }
        if (command.suppressed() < 0 || command.tokensReserved() < 0) {
            throw new DomainRuleViolation("invalid_start", "suppressed recipients and reserved tokens cannot be negative");
        }
        requireText(command.reservationId(), "reservation id");
        apply(new BroadcastStarted(broadcastId, organizationId, command.recipients(), command.suppressed(),
                command.reservationId(), command.tokensReserved()));
    }

    @CommandHandler
    public void handle(CompleteBroadcast command) {
        if (status == BroadcastStatus.COMPLETED) {
            return; // the sender's retry after a crash: already recorded
        }
        if (status != BroadcastStatus.SENDING) {
            throw new DomainRuleViolation("not_sending", "a " + status.name().toLowerCase()
                    + " broadcast cannot complete");
        }
        if (command.tokensCaptured() < 0 || command.tokensReleased() < 0
                || command.tokensCaptured() + command.tokensReleased() != tokensReserved) {
            throw new DomainRuleViolation("reservation_unbalanced", "captured " + command.tokensCaptured()
                    + " and released " + command.tokensReleased() + " tokens must add up to the "
                    + tokensReserved + " reserved");
        }
        apply(new BroadcastCompleted(broadcastId, organizationId, command.sent(), command.failed(),
                command.tokensCaptured(), command.tokensReleased()));
    }

    @CommandHandler
    public void handle(CancelBroadcast command) {
        requireOwnedBy(command.organizationId());
        if (status == BroadcastStatus.CANCELLED) {
            return;
        }
        if (status == BroadcastStatus.COMPLETED) {
            throw new DomainRuleViolation("already_completed", "a completed broadcast cannot be cancelled");
        }
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        apply(new BroadcastCancelled(broadcastId, organizationId, status, reason));
    }

    /** Another organization's broadcast is as unknown to the caller as one that does not exist. */
    private void requireOwnedBy(String organization) {
        if (!organizationId.equals(organization)) {
            throw new DomainRuleViolation("not_found", "no broadcast " + broadcastId + " in this organization");
        }
    }

    public BroadcastStatus status() {
        return status;
    }

    @EventSourcingHandler
    void on(BroadcastCreated event) {
        broadcastId = event.broadcastId();
        organizationId = event.organizationId();
        status = BroadcastStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(BroadcastScheduled event) {
        status = BroadcastStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(BroadcastStarted event) {
        status = BroadcastStatus.SENDING;
        tokensReserved = event.tokensReserved();
    }

    @EventSourcingHandler
    void on(BroadcastCompleted event) {
        status = BroadcastStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(BroadcastCancelled event) {
        status = BroadcastStatus.CANCELLED;
    }
}
