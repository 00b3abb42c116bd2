package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.domain.contact.ConsentSource;
import com.chatnation.crm.domain.contact.ConsentStatus;
import com.chatnation.crm.domain.contact.ContactProfileId;
import com.chatnation.crm.domain.contact.RecordConsent;
import com.chatnation.crm.domain.contact.RemoveContactAttribute;
import com.chatnation.crm.domain.contact.SetContactAttribute;
import com.chatnation.crm.domain.contact.TagContact;
import com.chatnation.crm.domain.contact.UntagContact;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * Changes to a contact's profile from the API. A contact is named by its opaque id and must be one the directory
 * knows (an erased contact is not); removing what a contact without a profile never had changes nothing.
 */
@Service
class ContactProfiles {

    private final CommandGateway commands;
    private final ContactDirectory directory;

    ContactProfiles(CommandGateway commands, ContactDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    void tag(String organizationId, String contactId, String tag) {
        commands.sendAndWait(new TagContact(profile(organizationId, contactId), organizationId, contactId, tag));
    }

    void untag(String organizationId, String contactId, String tag) {
        sendUnlessNoProfile(new UntagContact(profile(organizationId, contactId), organizationId, contactId, tag));
    }

    void setAttribute(String organizationId, String contactId, String key, String value) {
        commands.sendAndWait(new SetContactAttribute(profile(organizationId, contactId), organizationId, contactId,
                key, value));
    }

    void removeAttribute(String organizationId, String contactId, String key) {
        sendUnlessNoProfile(new RemoveContactAttribute(profile(organizationId, contactId), organizationId, contactId,
                key));
    }

    void recordConsent(String organizationId, String contactId, ConsentStatus status, Instant recordedAt) {
        commands.sendAndWait(new RecordConsent(profile(organizationId, contactId), organizationId, contactId, status,
                ConsentSource.API, recordedAt));
    }

    private String profile(String organizationId, String contactId) {
        if (!directory.knows(organizationId, contactId)) {
            throw new UnknownContact(contactId);
        }
        return ContactProfileId.of(organizationId, contactId);
    }

    private void sendUnlessNoProfile(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException noProfile) {
            // nothing was ever set on this contact, so there is nothing to remove
        }
    }
}
