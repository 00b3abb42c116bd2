package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.Keywords;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A HypeCard template of an organization. Its rules keep every card it makes drawable: a canvas between
 * {@value #MIN_SIDE} and {@value #MAX_SIDE} pixels a side, colours written {@code #rrggbb}, layers inside the canvas,
 * text naming only the variables a conversation can collect ({@link #VARIABLES}). The variables a contact is asked
 * for are the ones the layout uses, in the order name, title, photo.
 */
public class CardTemplate {

    public static final int MIN_SIDE = 100;
    public static final int MAX_SIDE = 2048;
    public static final int MAX_LAYERS = 20;
    public static final List<String> VARIABLES = List.of("name", "title", "photo");
    private static final Set<String> FONTS = Set.of("sans", "serif", "mono");
    private static final Set<String> ALIGNS = Set.of("left", "center", "right");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]*)}");

    @AggregateIdentifier
    private String templateId;
    private String organizationId;
    private boolean archived;

    protected CardTemplate() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public CardTemplate(CreateCardTemplate command) {
        requireText(command.templateId(), "template id");
        requireText(command.organizationId(), "organization id");
        if (command.name() == null || command.name().isBlank() || command.name().strip().length() > 100) {
            throw new DomainRuleViolation("invalid_name", "a template's name is 1 to 100 characters");
        }
        if (command.keyword() == null || command.keyword().isBlank()) {
            throw new DomainRuleViolation("invalid_keyword", "a template needs the keyword contacts type to make a card");
        }
        String keyword = Keywords.require(command.keyword());
        CardLayout layout = command.layout();
        List<String> variables = check(layout);
        apply(new CardTemplateCreated(command.templateId(), command.organizationId(), command.name().strip(), keyword,
                layout, variables, command.requestedAt() == null ? Instant.now() : command.requestedAt()));
    }

    @CommandHandler
    public void handle(ArchiveCardTemplate command) {
        if (!Objects.equals(organizationId, command.organizationId())) {
            throw new DomainRuleViolation("not_found", "no template " + command.templateId());
        }
        if (archived) {
            throw new DomainRuleViolation("template_archived", "the template is already archived");
        }
        apply(new CardTemplateArchived(templateId, organizationId, command.at()));
    }

    /** Checks the layout; answers the variables it uses, in the order a conversation asks for them. */
    static List<String> check(CardLayout layout) {
        if (layout == null) {
            throw invalid("a template needs a layout");
        }
        if (layout.width() < MIN_SIDE || layout.width() > MAX_SIDE || layout.height() < MIN_SIDE
                || layout.height() > MAX_SIDE) {
            throw invalid("the canvas is " + MIN_SIDE + " to " + MAX_SIDE + " pixels a side, got " + layout.width()
                    + "×" + layout.height());
        }
        color(layout.background(), "the background");
        if (layout.layers().isEmpty() || layout.layers().size() > MAX_LAYERS) {
            throw invalid("a layout has 1 to " + MAX_LAYERS + " layers, got " + layout.layers().size());
        }
        Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < layout.layers().size(); i++) {
            String which = "layer " + (i + 1);
            CardLayout.Layer layer = layout.layers().get(i);
            if (layer instanceof CardLayout.Image image) {
                requireText(image.imageKey(), "image key");
                box(layout, which, image.x(), image.y(), image.width(), image.height());
            } else if (layer instanceof CardLayout.Text text) {
                used.addAll(checkText(layout, which, text));
            } else if (layer instanceof CardLayout.Photo photo) {
                box(layout, which, photo.x(), photo.y(), photo.size(), photo.size());
                used.add("photo");
            } else if (layer instanceof CardLayout.QrCode qr) {
                if (qr.size() < 50) {
                    throw invalid(which + ": a QR code is at least 50 pixels wide to be scanned");
                }
                color(qr.color(), which);
                box(layout, which, qr.x(), qr.y(), qr.size(), qr.size());
            } else {
                throw invalid(which + " is of no known kind");
            }
        }
        List<String> variables = new ArrayList<>();
        VARIABLES.stream().filter(used::contains).forEach(variables::add);
        return variables;
    }

    private static Set<String> checkText(CardLayout layout, String which, CardLayout.Text text) {
        if (text.text() == null || text.text().isBlank() || text.text().length() > 200) {
            throw invalid(which + ": a text layer has 1 to 200 characters of text");
        }
        if (text.font() == null || text.align() == null || !FONTS.contains(text.font())
                || !ALIGNS.contains(text.align())) {
            throw invalid(which + ": font is sans, serif or mono, align left, center or right");
        }
        if (text.size() < 8 || text.size() > 400 || text.maxLines() < 1 || text.maxLines() > 10) {
            throw invalid(which + ": text is 8 to 400 pixels high, on 1 to 10 lines");
        }
        color(text.color(), which);
        box(layout, which, text.x(), text.y(), 1, 1);
        if (text.maxWidth() < 1 || text.maxWidth() > layout.width()) {
            throw invalid(which + ": the text's width is 1 to the canvas's");
        }
        Set<String> used = new java.util.HashSet<>();
        Matcher variable = VARIABLE.matcher(text.text());
        while (variable.find()) {
            String name = variable.group(1);
            if (!VARIABLES.contains(name) || "photo".equals(name)) {
                throw invalid(which + ": {" + name + "} is not a variable a card can fill (name, title)");
            }
            used.add(name);
        }
        return used;
    }

    private static void box(CardLayout layout, String which, int x, int y, int width, int height) {
        // in long arithmetic: an int sum of a huge width and x would wrap round and pass
        if (x < 0 || y < 0 || width < 1 || height < 1 || (long) x + width > layout.width()
                || (long) y + height > layout.height()) {
            throw invalid(which + " lies outside the canvas");
        }
    }

    private static void color(String value, String which) {
        if (value == null || !COLOR.matcher(value).matches()) {
            throw invalid(which + ": colours are written #rrggbb");
        }
    }

    private static DomainRuleViolation invalid(String message) {
        return new DomainRuleViolation("invalid_layout", message);
    }

    @EventSourcingHandler
    void on(CardTemplateCreated event) {
        templateId = event.templateId();
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(CardTemplateArchived event) {
        archived = true;
    }
}
