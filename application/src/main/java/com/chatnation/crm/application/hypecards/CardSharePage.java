package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.hypecards.SharedCards.SharedCard;
import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.domain.hypecard.RecordCardShared;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A card's public page, for anyone with its link and no login: the card, the template's name, a button that shares
 * the link on WhatsApp and one that copies it, and the Open Graph tags a link preview shows the card with. Each person
 * who opens the page counts one view a day and each who shares it one share a day ({@link CardViews}); a first share
 * of the day is recorded on the card ({@code CardShared}). Codes that cannot be share codes are not looked up, and an
 * unknown or erased card is a plain 404. It is served by the pages' security chain like the dashboard, but stands
 * alone, outside the dashboard's layout: a visitor has no member, menu or session.
 */
@DashboardPage
class CardSharePage {

    /**
     * The pages' policy (no inline script or style), with one more place forms may lead: sharing posts to this page,
     * which sends the browser on to WhatsApp, and browsers hold the redirect of a form to the form's policy.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self' https://wa.me https://api.whatsapp.com; frame-ancestors 'none'";
    private static final Set<String> CHANNELS = Set.of("whatsapp", "copy");
    /** A drawn card never changes under its code, so browsers and link previews may keep it for a day. */
    private static final String IMAGE_CACHING = "public, max-age=86400";

    private final SharedCards cards;
    private final CardViews views;
    private final MediaStore store;
    private final ShareLinks links;
    private final OrganizationDirectory organizations;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final MessageSource messages;

    CardSharePage(SharedCards cards, CardViews views, MediaStore store, ShareLinks links,
                  OrganizationDirectory organizations, CommandGateway commands, TransactionTemplate transaction,
                  MessageSource messages) {
        this.cards = cards;
        this.views = views;
        this.store = store;
        this.links = links;
        this.organizations = organizations;
        this.commands = commands;
        this.transaction = transaction;
        this.messages = messages;
    }

    @GetMapping("/c/{shareCode}")
    String page(@PathVariable String shareCode, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        Optional<SharedCard> found = cards.byCode(shareCode);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "hypecards/missing";
        }
        SharedCard card = found.get();
        views.visitor(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT))
                .ifPresent(visitor -> views.viewed(card.shareCode(), visitor));
        String title = card.templateName() != null ? card.templateName() : text("hypecards.public.untitled");
        String organization = organizations.byId(card.organizationId()).map(OrganizationRow::name).orElse(null);
        model.addAttribute("card", card);
        model.addAttribute("title", title);
        model.addAttribute("description", organization != null
                ? text("hypecards.public.descriptionFrom", organization) : text("hypecards.public.description"));
        model.addAttribute("pageUrl", links.page(card.shareCode()));
        model.addAttribute("imageUrl", links.image(card.shareCode()));
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        return "hypecards/share";
    }

    @GetMapping("/c/{shareCode}/card.png")
    ResponseEntity<byte[]> image(@PathVariable String shareCode) {
        byte[] png = cards.byCode(shareCode).map(card -> store.read(card.imageKey())).orElse(null);
        if (png == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).header(HttpHeaders.CACHE_CONTROL, IMAGE_CACHING)
                .header("X-Content-Type-Options", "nosniff").body(png);
    }

    /**
     * A visitor shares the card: on WhatsApp (sent on to WhatsApp with the link as the message) or by copying the link
     * (the page's script copies it; this only counts). Needs no CSRF token: it changes nothing of anyone's, it counts.
     */
    @PostMapping("/c/{shareCode}/shares")
    ResponseEntity<Void> share(@PathVariable String shareCode, @RequestParam(required = false) String channel,
                               HttpServletRequest request) {
        Optional<SharedCard> found = cards.byCode(shareCode);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (channel == null || !CHANNELS.contains(channel)) {
            return ResponseEntity.badRequest().build();
        }
        SharedCard card = found.get();
        views.visitor(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT)).ifPresent(visitor ->
                transaction.executeWithoutResult(status -> {
                    // the event and the mark of the visitor's share commit together, so a share counts exactly once
                    if (views.shared(card.shareCode(), visitor)) {
                        commands.sendAndWait(new RecordCardShared(card.cardId(), channel, Instant.now()));
                    }
                }));
        if ("copy".equals(channel)) {
            return ResponseEntity.noContent().build();
        }
        String title = card.templateName() != null ? card.templateName() : text("hypecards.public.untitled");
        String message = text("hypecards.public.shareText", title, links.page(card.shareCode()));
        // URLEncoder writes a form's '+' for a space; in a link's query %20 is the one every reader takes as a space
        String encoded = URLEncoder.encode(message, StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("https://wa.me/?text=" + encoded))
                .build();
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
