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

/**
 * A person who presents sessions, kept by the organization and reusable across its events (the seed's
 * {@code speakers}). Which sessions they present is the agendas' business.
 */
public class Speaker {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_TITLE_LENGTH = 100;
    public static final int MAX_COMPANY_LENGTH = 100;
    public static final int MAX_BIO_LENGTH = 1000;

    @AggregateIdentifier
    private String speakerId;
    private String organizationId;
    private SpeakerProfile profile;

    protected Speaker() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Speaker(CreateSpeaker command) {
        requireText(command.speakerId(), "speaker id");
        requireText(command.organizationId(), "organization id");
        apply(new SpeakerCreated(command.speakerId(), command.organizationId(), valid(command.profile()),
                at(command.at())));
    }

    @CommandHandler
    public void handle(ChangeSpeaker command) {
        if (!Objects.equals(organizationId, command.organizationId())) {
            throw new DomainRuleViolation("not_found", "no speaker " + speakerId + " in this organization");
        }
        SpeakerProfile changed = valid(command.profile());
        if (!changed.equals(profile)) {
            apply(new SpeakerChanged(speakerId, organizationId, changed, at(command.at())));
        }
    }

    static SpeakerProfile valid(SpeakerProfile given) {
        if (given == null) {
            throw new DomainRuleViolation("invalid_name", "a speaker has a name");
        }
        String name = stripToNull(given.name());
        if (name == null || name.length() > MAX_NAME_LENGTH) {
            throw new DomainRuleViolation("invalid_name", "a speaker's name is 1 to " + MAX_NAME_LENGTH
                    + " characters");
        }
        String title = limited(given.title(), MAX_TITLE_LENGTH, "invalid_title", "title");
        String company = limited(given.company(), MAX_COMPANY_LENGTH, "invalid_company", "company");
        String bio = limited(given.bio(), MAX_BIO_LENGTH, "invalid_bio", "bio");
        return new SpeakerProfile(name, title, company, bio);
    }

    private static String limited(String value, int max, String code, String what) {
        String stripped = stripToNull(value);
        if (stripped != null && stripped.length() > max) {
            throw new DomainRuleViolation(code, "a speaker's " + what + " takes at most " + max + " characters");
        }
        return stripped;
    }

    @EventSourcingHandler
    void on(SpeakerCreated event) {
        speakerId = event.speakerId();
        organizationId = event.organizationId();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(SpeakerChanged event) {
        profile = event.profile();
    }
}
