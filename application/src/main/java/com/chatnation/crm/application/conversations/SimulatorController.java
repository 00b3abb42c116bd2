package com.chatnation.crm.application.conversations;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.UUID;

/** Lets the organization's staff talk to the bot as a contact would, without WhatsApp. */
@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}/inbound-messages")
@Tag(name = "Conversation simulator")
class SimulatorController {

    private final InboundMessageService inbound;
    private final KnownOrganizations organizations;

    public SimulatorController(InboundMessageService inbound, KnownOrganizations organizations) {
        this.inbound = inbound;
        this.organizations = organizations;
    }

    /** Exactly one of {@code text}, {@code buttonReply} or {@code listReply}. */
    public record SimulatedMessage(@NotBlank @Size(max = 32) String from, @Size(max = 200) String profileName,
                                   @Size(max = 128) String messageId, @Size(max = 4096) String text,
                                   @Valid Reply buttonReply, @Valid Reply listReply) {
    }

    public record Reply(@NotBlank @Size(max = 256) String id, @Size(max = 100) String title) {
    }

    public record Accepted(String conversationId, String messageId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Run one message through the bot as if the contact had sent it on WhatsApp")
    public Accepted simulate(@PathVariable("orgId") String organizationId, @Valid @RequestBody SimulatedMessage message) {
        organizations.require(organizationId);
        String messageId = message.messageId() == null ? "sim." + UUID.randomUUID() : message.messageId();
        String conversationId = inbound.receive(new IncomingMessage(organizationId, PhoneNumber.of(message.from()),
                message.profileName(), messageId, Instant.now(), content(message), MessageContext.NONE));
        return new Accepted(conversationId, messageId);
    }

    private static MessageContent content(SimulatedMessage message) {
        int given = (message.text() != null ? 1 : 0) + (message.buttonReply() != null ? 1 : 0)
                + (message.listReply() != null ? 1 : 0);
        if (given != 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "give exactly one of text, buttonReply or listReply");
        }
        if (message.buttonReply() != null) {
            return new MessageContent.ButtonReply(message.buttonReply().id(), message.buttonReply().title());
        }
        if (message.listReply() != null) {
            return new MessageContent.ListReply(message.listReply().id(), message.listReply().title(), null);
        }
        return new MessageContent.Text(message.text());
    }
}
