package com.chatnation.crm.domain.contact;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What an organization knows about a contact besides the conversation: tags, custom attributes and marketing
 * consent. One small stream per organization and contact ({@link ContactProfileId}), made by its first change
 * (an imported contact who never wrote has a profile and no conversation).
 * <p>
 * Every change is idempotent: a tag already held, an attribute set to the value it has, consent already in that
 * state record nothing, so a retried request or a file imported twice leaves one event per real change. Once
 * the contact is erased the profile refuses every change. Not snapshotted: a profile stays small.
 */
public class ContactProfile {

    @AggregateIdentifier
    private String profileId;
    private String organizationId;
    private String contactId;
    private final Set<String> tags = new LinkedHashSet<>();
    // Held in memory only to tell a change from a repeat; never snapshotted, so nothing personal is written here.
    private final Map<String, String> attributes = new HashMap<>();
    private ConsentStatus consent;
    private boolean imported;
    private String importedName;
    private boolean erased;

    protected ContactProfile() {
        // required by the event-sourcing repository; a first command creates the profile
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(TagContact command) {
        requireOpen();
        String tag = ContactFields.tag(command.tag());
        if (tags.contains(tag)) {
            return;
        }
        if (tags.size() >= ContactFields.MAX_TAGS) {
            throw new DomainRuleViolation("too_many_tags", "a contact holds at most " + ContactFields.MAX_TAGS + " tags");
        }
        apply(new ContactTagged(command.profileId(), command.organizationId(), command.contactId(), tag));
    }

    @CommandHandler
    public void handle(UntagContact command) {
        requireOpen();
        String tag = ContactFields.tag(command.tag());
        if (tags.contains(tag)) {
            apply(new ContactUntagged(profileId, organizationId, contactId, tag));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetContactAttribute command) {
        requireOpen();
        String key = ContactFields.attributeKey(command.key());
        String value = ContactFields.attributeValue(key, command.value());
        if (value.equals(attributes.get(key))) {
            return;
        }
        if (!attributes.containsKey(key) && attributes.size() >= ContactFields.MAX_ATTRIBUTES) {
            throw new DomainRuleViolation("too_many_attributes", "a contact holds at most "
                    + ContactFields.MAX_ATTRIBUTES + " attributes");
        }
        apply(new ContactAttributeSet(command.profileId(), command.organizationId(), command.contactId(), key, value));
    }

    @CommandHandler
    public void handle(RemoveContactAttribute command) {
        requireOpen();
        String key = ContactFields.attributeKey(command.key());
        if (attributes.containsKey(key)) {
            apply(new ContactAttributeRemoved(profileId, organizationId, contactId, key));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordConsent command) {
        requireOpen();
        if (command.status() == null || command.source() == null || command.recordedAt() == null) {
            throw new DomainRuleViolation("invalid_consent", "consent needs a status, a source and a time");
        }
        if (command.status() != consent) {
            apply(new ContactConsentRecorded(command.profileId(), command.organizationId(), command.contactId(),
                    command.status(), command.source(), command.recordedAt()));
        }
    }

    /** Checks the whole row before applying any of it: a row is never half-imported. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ImportContact command) {
        requireOpen();
        String phone = PhoneNumber.of(command.phone()).e164();
        String name = command.name() == null || command.name().isBlank() ? null : command.name().strip();
        List<String> newTags = new ArrayList<>();
        for (String raw : command.tags()) {
            String tag = ContactFields.tag(raw);
            if (!tags.contains(tag) && !newTags.contains(tag)) {
                newTags.add(tag);
            }
        }
        if (tags.size() + newTags.size() > ContactFields.MAX_TAGS) {
            throw new DomainRuleViolation("too_many_tags", "a contact holds at most " + ContactFields.MAX_TAGS + " tags");
        }
        Map<String, String> changed = new TreeMap<>();
        command.attributes().forEach((key, value) -> {
            String checked = ContactFields.attributeValue(ContactFields.attributeKey(key), value);
            if (!checked.equals(attributes.get(key))) {
                changed.put(key, checked);
            }
        });
        long added = changed.keySet().stream().filter(key -> !attributes.containsKey(key)).count();
        if (attributes.size() + added > ContactFields.MAX_ATTRIBUTES) {
            throw new DomainRuleViolation("too_many_attributes", "a contact holds at most "
                    + ContactFields.MAX_ATTRIBUTES + " attributes");
        }
        String id = command.profileId();
        String org = command.organizationId();
        String contact = command.contactId();
        if (!imported || (name != null && !name.equals(importedName))) {
            apply(new ContactImported(id, org, contact, phone, name, command.importId()));
        }
        newTags.forEach(tag -> apply(new ContactTagged(id, org, contact, tag)));
        changed.forEach((key, value) -> apply(new ContactAttributeSet(id, org, contact, key, value)));
        if (command.consent() != null && command.consent() != consent) {
            apply(new ContactConsentRecorded(id, org, contact, command.consent(), ConsentSource.IMPORT,
                    command.importedAt()));
        }
    }

    /** Erasing twice records it once; a contact erased before their profile existed gets a closed profile. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EraseContactProfile command) {
        if (!erased) {
            apply(new ContactProfileErased(command.profileId(), command.organizationId(), command.contactId(),
                    command.erasedAt()));
        }
    }

    private void requireOpen() {
        if (erased) {
            throw new DomainRuleViolation("contact_erased", "the contact was erased");
        }
    }

    @EventSourcingHandler
    void on(ContactImported event) {
        identify(event);
        imported = true;
        importedName = event.name();
    }

    @EventSourcingHandler
    void on(ContactTagged event) {
        identify(event);
        tags.add(event.tag());
    }

    @EventSourcingHandler
    void on(ContactUntagged event) {
        identify(event);
        tags.remove(event.tag());
    }

    @EventSourcingHandler
    void on(ContactAttributeSet event) {
        identify(event);
        // an erased contact's value reads back as null: the key is still held
        attributes.put(event.key(), Objects.requireNonNullElse(event.value(), ""));
    }

    @EventSourcingHandler
    void on(ContactAttributeRemoved event) {
        identify(event);
        attributes.remove(event.key());
    }

    @EventSourcingHandler
    void on(ContactConsentRecorded event) {
        identify(event);
        consent = event.status();
    }

    @EventSourcingHandler
    void on(ContactProfileErased event) {
        identify(event);
        erased = true;
        tags.clear();
        attributes.clear();
        importedName = null;
    }

    private void identify(ContactProfileEvent event) {
        profileId = event.profileId();
        organizationId = event.organizationId();
        contactId = event.contactId();
    }
}
