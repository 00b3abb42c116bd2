package com.chatnation.crm.domain.agenda;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.Objects;

import static com.chatnation.crm.domain.agenda.Agenda.at;
import static com.chatnation.crm.domain.agenda.Agenda.stripToNull;
import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A place the organization holds events at (the seed's {@code venues}), reusable across its events. */
public class Venue {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_ADDRESS_LENGTH = 300;

    @AggregateIdentifier
    private String venueId;
    private String organizationId;

    protected Venue() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Venue(CreateVenue command) {
        requireText(command.venueId(), "venue id");
        requireText(command.organizationId(), "organization id");
        apply(new VenueCreated(command.venueId(), command.organizationId(), name(command.name()),
                address(command.address()), capacity(command.capacity()), at(command.at())));
    }

    @CommandHandler
    public void handle(ChangeVenue command) {
        if (!Objects.equals(organizationId, command.organizationId())) {
            throw new DomainRuleViolation("not_found", "no venue " + venueId + " in this organization");
        }
        apply(new VenueChanged(venueId, organizationId, name(command.name()), address(command.address()),
                capacity(command.capacity()), at(command.at())));
    }

    private static String name(String given) {
        String name = stripToNull(given);
        if (name == null || name.length() > MAX_NAME_LENGTH) {
            throw new DomainRuleViolation("invalid_name", "a venue's name is 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static String address(String given) {
        String address = stripToNull(given);
        if (address != null && address.length() > MAX_ADDRESS_LENGTH) {
            throw new DomainRuleViolation("invalid_address", "a venue's address takes at most " + MAX_ADDRESS_LENGTH
                    + " characters");
        }
        return address;
    }

    private static Integer capacity(Integer given) {
        if (given != null && given < 0) {
            throw new DomainRuleViolation("invalid_capacity", "a venue's capacity is 0 or more, got " + given);
        }
        return given;
    }

    @EventSourcingHandler
    void on(VenueCreated event) {
        venueId = event.venueId();
        organizationId = event.organizationId();
    }
}
