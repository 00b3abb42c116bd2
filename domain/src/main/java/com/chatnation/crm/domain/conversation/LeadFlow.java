package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.exhibitor.Lead;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.messaging.OutboundReply.Choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Booth visits. A booth's QR code opens WhatsApp with "LEAD A15" typed in; the visitor may also type the code alone
 * ("A15"). The bot asks whether to share their contact with the exhibitor ({@code sharing_lead}, buttons Yes/No):
 * only a yes captures the lead ({@link ConversationEffect.CaptureLead}); a no captures nothing and says so. After a
 * yes the visitor may pick the product that interests them (a list with "Skip") and leave a short note (or skip),
 * each kept on the lead ({@link ConversationEffect.AddLeadDetail}). Capturing twice keeps one lead (the lead's own
 * stream sees to it), so the answers do not depend on the outcome and go out at once. Replies are billed to the
 * exhibitors module.
 */
final class LeadFlow {

    static final String MODULE = "exhibitors";
    static final String EXHIBITOR_ID = "exhibitorId";
    static final String YES = "lead:yes";
    static final String NO = "lead:no";
    static final String SKIP = "lead:skip";
    static final String PRODUCT_PREFIX = "lead:product:";
    private static final Pattern LEAD_WORD = Pattern.compile("lead\\s+(\\S+)");
    private static final Pattern CODE_SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,9}");

    private LeadFlow() {
    }

    /** The booth a message names: "lead a15" (the QR code's text) or the code alone, if an exhibitor has it. */
    static Optional<ExhibitorCatalog.BoothOnOffer> boothNamed(TurnContext context, boolean codeAlone) {
        if (!(context.content() instanceof MessageContent.Text)) {
            return Optional.empty();
        }
        String words = context.word().replaceAll("\\s+", " ");
        var lead = LEAD_WORD.matcher(words);
        String code;
        if (lead.matches()) {
            code = lead.group(1);
        } else if (codeAlone && CODE_SHAPE.matcher(words).matches()) {
            code = words;
        } else {
            return Optional.empty();
        }
        return context.exhibitors().boothForCode(context.organizationId(), code.toUpperCase(Locale.ROOT));
    }

    /** The visitor named a booth: ask before anything is shared. */
    static Turn ask(ExhibitorCatalog.BoothOnOffer booth) {
        return Turn.to(ConversationState.SHARING_LEAD, Map.of(EXHIBITOR_ID, booth.exhibitorId()))
                .billedTo(MODULE)
                .say(new OutboundReply.Buttons("Welcome to *" + booth.companyName() + "* (booth " + booth.boothCode()
                        + ")! Would you like to share your contact (your WhatsApp number and name) with "
                        + booth.companyName() + " so they can follow up with you?",
                        List.of(new Choice(YES, "Yes, share"), new Choice(NO, "No, thanks"))));
    }

    /** In {@code sharing_lead}: the answer to the consent question. */
    static Turn consent(TurnContext context) {
        var booth = booth(context);
        if (booth.isEmpty()) {
            return gone();
        }
        String answer = answer(context);
        if (NO.equals(answer)) {
            return Turn.idle().say("No problem: nothing was shared with " + booth.get().companyName() + ".");
        }
        if (!YES.equals(answer)) {
            return Turn.to(ConversationState.SHARING_LEAD, context.data())
                    .say(new OutboundReply.Buttons("Please tap *Yes, share* to share your contact with "
                            + booth.get().companyName() + ", or *No, thanks* to share nothing.",
                            List.of(new Choice(YES, "Yes, share"), new Choice(NO, "No, thanks"))));
        }
        Turn captured = Turn.idle().andThen(new ConversationEffect.CaptureLead(booth.get().exhibitorId(),
                booth.get().eventId()));
        String thanks = "Thank you! Your contact was shared with " + booth.get().companyName() + ".";
        if (booth.get().products().isEmpty()) {
            return askForNote(captured, context.data(), thanks + " ");
        }
        List<Choice> rows = new ArrayList<>();
        for (ExhibitorCatalog.ProductOnOffer product : booth.get().products()) {
            rows.add(new Choice(PRODUCT_PREFIX + product.productId(), product.name()));
        }
        rows.add(new Choice(SKIP, "Skip"));
        return new Turn(ConversationState.CHOOSING_LEAD_PRODUCT, context.data(), captured.replies(),
                captured.effects())
                .say(new OutboundReply.ChoiceList(thanks + " Which of their products interests you?", "Products",
                        rows));
    }

    /** In {@code choosing_lead_product}: a product of the list, or skip. */
    static Turn chooseProduct(TurnContext context) {
        var booth = booth(context);
        if (booth.isEmpty()) {
            return gone();
        }
        String answer = answer(context);
        if (SKIP.equals(answer)) {
            return askForNote(Turn.idle(), context.data(), "");
        }
        Optional<ExhibitorCatalog.ProductOnOffer> product = product(booth.get(), answer, context);
        if (product.isEmpty()) {
            return Turn.to(ConversationState.CHOOSING_LEAD_PRODUCT, context.data())
                    .say("Please pick one of the products from the list (or its number), or *skip*.");
        }
        return askForNote(Turn.idle().andThen(new ConversationEffect.AddLeadDetail(booth.get().exhibitorId(),
                product.get().productId(), product.get().name(), null)), context.data(), "Noted. ");
    }

    /** In {@code leaving_lead_note}: the note, or skip. */
    static Turn note(TurnContext context) {
        var booth = booth(context);
        if (booth.isEmpty()) {
            return gone();
        }
        if (SKIP.equals(answer(context))) {
            return Turn.idle().say("All set. Enjoy the rest of the event!");
        }
        String note = context.content() instanceof MessageContent.Text text && text.body() != null
                ? text.body().strip() : "";
        if (note.isEmpty() || note.length() > Lead.MAX_NOTE_LENGTH) {
            return Turn.to(ConversationState.LEAVING_LEAD_NOTE, context.data())
                    .say("Please type a note of up to " + Lead.MAX_NOTE_LENGTH + " characters, or *skip*.");
        }
        return Turn.idle().andThen(new ConversationEffect.AddLeadDetail(booth.get().exhibitorId(), null, null, note))
                .say("Thanks! " + booth.get().companyName() + " will see your note.");
    }

    private static Turn askForNote(Turn before, Map<String, String> data, String prefix) {
        return new Turn(ConversationState.LEAVING_LEAD_NOTE, new LinkedHashMap<>(data), before.replies(),
                before.effects())
                .say(new OutboundReply.Buttons(prefix + "Would you like to leave a note for them (what you are "
                        + "looking for, when to call)? Type it, or tap *Skip*.", List.of(new Choice(SKIP, "Skip"))));
    }

    private static Optional<ExhibitorCatalog.BoothOnOffer> booth(TurnContext context) {
        String exhibitorId = context.data().get(EXHIBITOR_ID);
        return exhibitorId == null ? Optional.empty()
                : context.exhibitors().booth(context.organizationId(), exhibitorId);
    }

    private static Turn gone() {
        return Turn.idle().say("Sorry, that booth is no longer taking contacts.");
    }

    /** A tapped id, or typed words read as one: yes/no/skip. */
    private static String answer(TurnContext context) {
        if (context.tappedId() != null) {
            return context.tappedId();
        }
        switch (context.word()) {
            case "yes": case "y": case "ndio": case "yes, share": case "share":
                return YES;
            case "no": case "n": case "hapana": case "no, thanks": case "no thanks":
                return NO;
            case "skip": case "ruka":
                return SKIP;
            default:
                return null;
        }
    }

    /** A tapped product row, its number in the list, or its name typed. */
    private static Optional<ExhibitorCatalog.ProductOnOffer> product(ExhibitorCatalog.BoothOnOffer booth,
                                                                     String answer, TurnContext context) {
        List<ExhibitorCatalog.ProductOnOffer> products = booth.products();
        if (answer != null && answer.startsWith(PRODUCT_PREFIX)) {
            String id = answer.substring(PRODUCT_PREFIX.length());
            return products.stream().filter(p -> p.productId().equals(id)).findFirst();
        }
        String typed = context.word();
        if (typed.matches("\\d{1,2}")) {
            int index = Integer.parseInt(typed) - 1;
            return index >= 0 && index < products.size() ? Optional.of(products.get(index)) : Optional.empty();
        }
        return products.stream().filter(p -> p.name().equalsIgnoreCase(typed)).findFirst();
    }

    /** "lead …" naming a booth no exhibitor has: said so, rather than not understood. */
    static Optional<Turn> unknownBooth(TurnContext context) {
        if (!(context.content() instanceof MessageContent.Text)) {
            return Optional.empty();
        }
        var lead = LEAD_WORD.matcher(context.word().replaceAll("\\s+", " "));
        if (!lead.matches() || !CODE_SHAPE.matcher(lead.group(1)).matches()) {
            return Optional.empty();
        }
        return Optional.of(Turn.idle().billedTo(MODULE).say("Sorry, no booth has the code *"
                + lead.group(1).toUpperCase(Locale.ROOT) + "*. Check the code on the booth's sign and send *lead* "
                + "and the code, e.g. *lead A15*."));
    }
}
