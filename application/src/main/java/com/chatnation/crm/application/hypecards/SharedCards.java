package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.domain.hypecard.HypeCard;
import com.chatnation.crm.projections.queries.HypeCardQueries;
import com.chatnation.crm.projections.queries.HypeCardQueries.CardRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drawn cards by their public links ({@code card_links}, with the template's name from {@code card_catalog}: both
 * kept by the service itself, so a link works during a rebuild of the read models), and the organization's most
 * viewed cards. Views live in the service's {@code card_views}; the shares come from the {@code generated_cards}
 * read model, which counts the {@code CardShared} events.
 */
@Repository
class SharedCards {

    /** A drawn card behind a share code; {@code templateName} is null for a template the catalog no longer has. */
    record SharedCard(String shareCode, String cardId, String organizationId, String templateId, String templateName,
                      String imageKey) {
    }

    /**
     * A card with its counts: {@code views} are visitor-days (one per person and day), {@code shares} the first
     * share of each visitor-day.
     */
    record ViewedCard(String cardId, String shareCode, String pageUrl, String imageUrl, String templateId,
                      String templateName, Instant generatedAt, long views, long shares) {
    }

    private final JdbcTemplate jdbc;
    private final HypeCardQueries queries;
    private final ShareLinks links;

    SharedCards(JdbcTemplate jdbc, HypeCardQueries queries, ShareLinks links) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.links = links;
    }

    /** The card behind a share code; a code that cannot be one is not looked up. */
    Optional<SharedCard> byCode(String shareCode) {
        if (shareCode == null || !HypeCard.SHARE_CODE.matcher(shareCode).matches()) {
            return Optional.empty();
        }
        return jdbc.query("""
                        SELECT l.share_code, l.card_id, l.organization_id, l.template_id, c.name, l.image_key
                        FROM card_links l LEFT JOIN card_catalog c ON c.template_id = l.template_id
                        WHERE l.share_code = ?""",
                (rs, n) -> new SharedCard(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), shareCode).stream().findFirst();
    }

    /** The organization's drawn cards, most viewed first (the newest first among equals), at most {@code limit}. */
    List<ViewedCard> mostViewed(String organizationId, int limit) {
        List<ViewedCard> viewed = jdbc.query("""
                        SELECT l.card_id, l.share_code, l.template_id, c.name, l.generated_at, count(v.visitor) AS views
                        FROM card_links l
                        LEFT JOIN card_views v ON v.share_code = l.share_code
                        LEFT JOIN card_catalog c ON c.template_id = l.template_id
                        WHERE l.organization_id = ?
                        GROUP BY l.share_code, c.template_id
                        ORDER BY views DESC, l.generated_at DESC, l.share_code
                        LIMIT ?""",
                (rs, n) -> new ViewedCard(rs.getString(1), rs.getString(2), links.page(rs.getString(2)),
                        links.image(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getLong(6), 0), organizationId, limit);
        // a share the read model has not caught up with yet shows a moment later
        Map<String, CardRow> cards = queries.cards(organizationId, viewed.stream().map(ViewedCard::cardId).toList())
                .stream().collect(Collectors.toMap(CardRow::id, Function.identity()));
        return viewed.stream().map(card -> {
            CardRow row = cards.get(card.cardId());
            return row == null ? card : new ViewedCard(card.cardId(), card.shareCode(), card.pageUrl(),
                    card.imageUrl(), card.templateId(), card.templateName(), card.generatedAt(), card.views(),
                    row.shares());
        }).toList();
    }
}
