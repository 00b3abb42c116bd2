package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.regex.Pattern;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A business on the platform: who it is, which WhatsApp number it answers on, and what its actions cost. */
public class Organization {

    /** A day at least, so a conversation under way is never cut; ten years at most. */
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 3650;
    /** WhatsApp phone number ids are numeric strings issued by Meta. */
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,32}");
    public static final int MAX_SUSPENSION_REASON_LENGTH = 500;
    /** WhatsApp Business Account ids are numeric strings issued by Meta, like phone number ids. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,32}");

    @AggregateIdentifier
    private String organizationId;
    private Integer messageRetentionDays;
    private PriceList priceList;
    private boolean suspended;
    private ConsentWords consentWords = ConsentWords.DEFAULT;
    private HandoverSettings handoverSettings = HandoverSettings.DEFAULT;
    /**
     * True until the organization says otherwise: a marketing opt-out concerns marketing only, and a utility
     * message (a ticket, a reminder) is something the contact asked for.
     */
    private boolean utilityToOptedOut = true;
    private String whatsAppAccountId;

    protected Organization() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Organization(OnboardOrganization command) {
        requireText(command.name(), "name");
        requireText(command.apiKeyHash(), "api key hash");
        if (command.phoneNumberId() == null || !PHONE_NUMBER_ID.matcher(command.phoneNumberId()).matches()) {
            throw new DomainRuleViolation("invalid_phone_number_id",
                    "WhatsApp phone_number_id must be the numeric id Meta assigned, was '" + command.phoneNumberId() + "'");
        }
        if (command.lowBalanceThreshold() < 0) {
            throw new DomainRuleViolation("invalid_threshold", "low-balance threshold cannot be negative");
        }
        PriceList prices = command.priceList() == null ? new PriceList(null) : command.priceList();
        apply(new OrganizationOnboarded(command.organizationId(), command.name().strip(), command.phoneNumberId(),
                prices, command.lowBalanceThreshold(), command.apiKeyHash()));
    }

    @CommandHandler
    public void handle(ChangePriceList command) {
        if (command.priceList() == null) {
            throw new DomainRuleViolation("missing_price_list", "price list is required");
        }
        if (!command.priceList().equals(priceList)) {
            apply(new PriceListChanged(organizationId, command.priceList()));
        }
    }

    @CommandHandler
    public void handle(ChangeMessageRetention command) {
        Integer days = command.days();
        if (days != null && (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)) {
            throw new DomainRuleViolation("invalid_retention", "message texts are kept between "
                    + MIN_RETENTION_DAYS + " and " + MAX_RETENTION_DAYS + " days, or without a limit; was " + days);
        }
        if (!java.util.Objects.equals(days, messageRetentionDays)) {
            apply(new MessageRetentionChanged(organizationId, days));
        }
    }

    @CommandHandler
    public void handle(ChangeConsentWords command) {
        if (command.words() == null) {
            throw new DomainRuleViolation("invalid_consent_words", "opt-out and opt-in words are required");
        }
        if (!command.words().equals(consentWords)) {
            apply(new ConsentWordsChanged(organizationId, command.words()));
        }
    }

    @EventSourcingHandler
    void on(ConsentWordsChanged event) {
        consentWords = event.words();
    }

    @CommandHandler
    public void handle(ChangeHandoverSettings command) {
        if (command.settings() == null) {
            throw new DomainRuleViolation("invalid_handover_settings", "handover settings are required");
        }
        if (!command.settings().equals(handoverSettings)) {
            apply(new HandoverSettingsChanged(organizationId, command.settings()));
        }
    }

    @EventSourcingHandler
    void on(HandoverSettingsChanged event) {
        handoverSettings = event.settings();
    }

    @CommandHandler
    public void handle(ChangeUtilityToOptedOut command) {
        if (command.send() != utilityToOptedOut) {
            apply(new UtilityToOptedOutChanged(organizationId, command.send()));
        }
    }

    @EventSourcingHandler
    void on(UtilityToOptedOutChanged event) {
        utilityToOptedOut = event.send();
    }

    @EventSourcingHandler
    void on(MessageRetentionChanged event) {
        messageRetentionDays = event.days();
    }

    @CommandHandler
    public void handle(ChangeWhatsAppAccount command) {
        String account = command.whatsAppAccountId();
        if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
            throw new DomainRuleViolation("invalid_whatsapp_account_id",
                    "the WhatsApp Business Account id must be the numeric id Meta assigned, was '" + account + "'");
        }
        if (!account.equals(whatsAppAccountId)) {
            apply(new WhatsAppAccountChanged(organizationId, account));
        }
    }

    @EventSourcingHandler
    void on(WhatsAppAccountChanged event) {
        whatsAppAccountId = event.whatsAppAccountId();
    }

    /** Suspending twice, or resuming an active organization, changes nothing: a retry must not fail. */
    @CommandHandler
    public void handle(SuspendOrganization command) {
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        if (reason != null && reason.length() > MAX_SUSPENSION_REASON_LENGTH) {
            throw new DomainRuleViolation("invalid_reason",
                    "a suspension reason has at most " + MAX_SUSPENSION_REASON_LENGTH + " characters");
        }
        if (!suspended) {
            apply(new OrganizationSuspended(organizationId, reason));
        }
    }

    @CommandHandler
    public void handle(ResumeOrganization command) {
        if (suspended) {
            apply(new OrganizationResumed(organizationId));
        }
    }

    public PriceList priceList() {
        return priceList;
    }

    public boolean suspended() {
        return suspended;
    }

    public boolean utilityToOptedOut() {
        return utilityToOptedOut;
    }

    @EventSourcingHandler
    void on(OrganizationOnboarded event) {
        organizationId = event.organizationId();
        priceList = event.priceList();
    }

    @EventSourcingHandler
    void on(PriceListChanged event) {
        priceList = event.priceList();
    }

    @EventSourcingHandler
    void on(OrganizationSuspended event) {
        suspended = true;
    }

    @EventSourcingHandler
    void on(OrganizationResumed event) {
        suspended = false;
    }
}
