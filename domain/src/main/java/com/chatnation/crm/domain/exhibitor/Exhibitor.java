package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A company exhibiting at one event: its booth code, its products and the members of the organization's team who
 * read its leads. The leads themselves are not part of it ({@link Lead}): visitors arriving at a busy booth would
 * otherwise all contend on this one stream, and the exhibitor would grow with every visitor.
 */
public class Exhibitor {

    public static final int MAX_COMPANY_LENGTH = 120;
    public static final int MAX_BOOTH_CODE_LENGTH = 10;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_PRODUCT_NAME_LENGTH = 60;
    /** A WhatsApp list takes 10 rows: the products and "Skip". */
    public static final int MAX_PRODUCTS = 9;
    private static final Pattern BOOTH_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{0," + (MAX_BOOTH_CODE_LENGTH - 1) + "}");

    @AggregateIdentifier
    private String exhibitorId;
    private String organizationId;
    private String eventId;
    private String companyName;
    private String boothCode;
    private String description;
    private final Map<String, String> products = new LinkedHashMap<>();
    private final Set<String> staff = new HashSet<>();

    protected Exhibitor() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Exhibitor(AddExhibitor command) {
        requireText(command.exhibitorId(), "exhibitor id");
        requireText(command.organizationId(), "organization id");
        requireText(command.eventId(), "event id");
        apply(new ExhibitorAdded(command.exhibitorId(), command.organizationId(), command.eventId(),
                company(command.companyName()), boothCode(command.boothCode()), description(command.description()),
                at(command.at())));
    }

    /** A booth code as it is kept: upper case, no spaces around it; refused unless letters, digits and dashes. */
    public static String boothCode(String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!BOOTH_CODE.matcher(normalized).matches()) {
            throw new DomainRuleViolation("invalid_booth_code", "a booth code is 1 to " + MAX_BOOTH_CODE_LENGTH
                    + " letters, digits or dashes, starting with a letter or digit");
        }
        return normalized;
    }

    @CommandHandler
    public void handle(ChangeExhibitor command) {
        requireOwned(command.organizationId());
        String company = company(command.companyName());
        String code = boothCode(command.boothCode());
        String text = description(command.description());
        if (company.equals(companyName) && code.equals(boothCode) && Objects.equals(text, description)) {
            return;
        }
        apply(new ExhibitorChanged(exhibitorId, organizationId, eventId, company, code, text, at(command.at())));
    }

    @CommandHandler
    public void handle(AddExhibitorProduct command) {
        requireOwned(command.organizationId());
        requireText(command.productId(), "product id");
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > MAX_PRODUCT_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new DomainRuleViolation("invalid_product_name", "a product's name is 1 to "
                    + MAX_PRODUCT_NAME_LENGTH + " printable characters");
        }
        if (products.containsKey(command.productId())) {
            throw new DomainRuleViolation("duplicate_product", "the exhibitor already has product "
                    + command.productId());
        }
        if (products.values().stream().anyMatch(existing -> existing.equalsIgnoreCase(name))) {
            throw new DomainRuleViolation("duplicate_product", "the exhibitor already has a product named " + name);
        }
        if (products.size() >= MAX_PRODUCTS) {
            throw new DomainRuleViolation("too_many_products", "an exhibitor shows at most " + MAX_PRODUCTS
                    + " products (one WhatsApp list)");
        }
        apply(new ExhibitorProductAdded(exhibitorId, organizationId, eventId, command.productId(), name,
                description(command.description()), at(command.at())));
    }

    @CommandHandler
    public void handle(RemoveExhibitorProduct command) {
        requireOwned(command.organizationId());
        if (!products.containsKey(command.productId())) {
            throw new DomainRuleViolation("not_found", "the exhibitor has no product " + command.productId());
        }
        apply(new ExhibitorProductRemoved(exhibitorId, organizationId, command.productId(), at(command.at())));
    }

    @CommandHandler
    public void handle(AssignExhibitorStaff command) {
        requireOwned(command.organizationId());
        requireText(command.userId(), "user id");
        if (!staff.contains(command.userId())) {
            apply(new ExhibitorStaffAssigned(exhibitorId, organizationId, command.userId(), at(command.at())));
        }
    }

    @CommandHandler
    public void handle(UnassignExhibitorStaff command) {
        requireOwned(command.organizationId());
        if (staff.contains(command.userId())) {
            apply(new ExhibitorStaffUnassigned(exhibitorId, organizationId, command.userId(), at(command.at())));
        }
    }

    /** Another organization's exhibitor is answered as if there were none. */
    private void requireOwned(String organization) {
        if (!Objects.equals(organizationId, organization)) {
            throw new DomainRuleViolation("not_found", "no exhibitor " + exhibitorId + " in this organization");
        }
    }

    private static String company(String name) {
        String company = name == null ? "" : name.strip();
        if (company.isEmpty() || company.length() > MAX_COMPANY_LENGTH
                || company.chars().anyMatch(Character::isISOControl)) {
            throw new DomainRuleViolation("invalid_company_name", "an exhibitor's company name is 1 to "
                    + MAX_COMPANY_LENGTH + " printable characters");
        }
        return company;
    }

    private static String description(String text) {
        String description = text == null || text.isBlank() ? null : text.strip();
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new DomainRuleViolation("invalid_description", "a description takes at most "
                    + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }

    private static Instant at(Instant given) {
        return given == null ? Instant.now() : given;
    }

    @EventSourcingHandler
    void on(ExhibitorAdded event) {
        exhibitorId = event.exhibitorId();
        organizationId = event.organizationId();
        eventId = event.eventId();
        companyName = event.companyName();
        boothCode = event.boothCode();
        description = event.description();
    }

    @EventSourcingHandler
    void on(ExhibitorChanged event) {
        companyName = event.companyName();
        boothCode = event.boothCode();
        description = event.description();
    }

    @EventSourcingHandler
    void on(ExhibitorProductAdded event) {
        products.put(event.productId(), event.name());
    }

    @EventSourcingHandler
    void on(ExhibitorProductRemoved event) {
        products.remove(event.productId());
    }

    @EventSourcingHandler
    void on(ExhibitorStaffAssigned event) {
        staff.add(event.userId());
    }

    @EventSourcingHandler
    void on(ExhibitorStaffUnassigned event) {
        staff.remove(event.userId());
    }
}
