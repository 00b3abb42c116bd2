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

    /** WhatsApp phone number ids are numeric strings issued by Meta. */
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,32}");

    @AggregateIdentifier
    private String organizationId;
    private PriceList priceList;

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

    public PriceList priceList() {
        return priceList;
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
}
