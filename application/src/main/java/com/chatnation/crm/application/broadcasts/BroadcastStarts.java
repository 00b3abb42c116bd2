package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.billing.WalletService;
import com.chatnation.crm.application.contacts.AudienceDefinitions;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.broadcast.BroadcastRecipientId;
import com.chatnation.crm.domain.broadcast.ParameterBinding;
import com.chatnation.crm.domain.broadcast.StartBroadcast;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.wallet.ReserveTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.chatnation.crm.projections.queries.AudienceCondition;
import com.chatnation.crm.projections.queries.AudienceQueries;
import com.chatnation.crm.projections.queries.AudienceQueries.Recipient;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starts a broadcast, in one transaction: the audience is taken as it is now (one send-list row per contact, with
 * their parameters filled in and, for those who must not receive it, the reason), the wallet reserves the
 * template's price for every recipient not suppressed, and the broadcast records the start. Either all of it
 * commits or none: a wallet that cannot cover the audience leaves the broadcast a draft (402, with the shortfall),
 * an audience with nobody to send to too (422). Storing each recipient as an event and sending come after, in
 * the background ({@link RecipientQueueing}, {@link BroadcastSender}).
 */
@Service
class BroadcastStarts {

    static final String MODULE = "templates";
    private static final Logger log = LoggerFactory.getLogger(BroadcastStarts.class);
    /** Send-list rows written per batch while the audience streams in. */
    private static final int PAGE = 2_000;

    record Started(String broadcastId, int recipients, int suppressed, long tokensReserved) {
    }

    static final class Refused extends RefusedRequest {
        private final Map<String, Object> details;

        Refused(HttpStatus status, String code, String message, Map<String, Object> details) {
            super(status, code, message);
            this.details = details;
        }

        @Override
        public Map<String, Object> details() {
            return details;
        }
    }

    private final BroadcastRuns runs;
    private final BroadcastSends sends;
    private final AudienceDefinitions audiences;
    private final AudienceQueries audienceQueries;
    private final OrganizationDirectory organizations;
    private final WalletService wallets;
    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final MeterRegistry meters;

    BroadcastStarts(BroadcastRuns runs, BroadcastSends sends, AudienceDefinitions audiences,
                    AudienceQueries audienceQueries, OrganizationDirectory organizations, WalletService wallets,
                    CommandGateway commands, TransactionalRetry transaction, MeterRegistry meters) {
        this.runs = runs;
        this.sends = sends;
        this.audiences = audiences;
        this.audienceQueries = audienceQueries;
        this.organizations = organizations;
        this.wallets = wallets;
        this.commands = commands;
        this.transaction = transaction;
        this.meters = meters;
    }

    Started start(String organizationId, String broadcastId) {
        BroadcastRuns.Run run = runs.find(organizationId, broadcastId).orElseThrow(() -> new Refused(
                HttpStatus.NOT_FOUND, "not_found", "no broadcast " + broadcastId + " in this organization", Map.of()));
        if (!"draft".equals(run.status()) && !"scheduled".equals(run.status())) {
            throw new Refused(HttpStatus.CONFLICT, "not_startable", "a " + run.status() + " broadcast cannot start",
                    Map.of("status", run.status()));
        }
        List<AudienceCondition> conditions = audiences.conditions(organizationId, UUID.fromString(run.audienceId()))
                .orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "audience_deleted",
                        "the broadcast's audience " + run.audienceId() + " was deleted", Map.of()));
        OrganizationRow organization = organizations.byId(organizationId).orElseThrow();
        long price = price(organization, TemplateCategory.valueOf(run.templateCategory()));
        boolean utilityToOptedOut = organizations.utilityToOptedOut(organizationId);
        Started started = transaction.inTransaction(() -> startInTransaction(run, conditions, price,
                utilityToOptedOut));
        meters.counter("crm.broadcasts", "outcome", "started").increment();
        log.info("Broadcast {} started: {} recipients, {} suppressed, {} tokens reserved", broadcastId,
                started.recipients(), started.suppressed(), started.tokensReserved());
        return started;
    }

    private Started startInTransaction(BroadcastRuns.Run run, List<AudienceCondition> conditions, long price,
                                       boolean utilityToOptedOut) {
        // one start per broadcast, whichever instance or request comes first: the others wait here, then see it started
        String status = runs.lock(run.broadcastId());
        if (!"draft".equals(status) && !"scheduled".equals(status)) {
            throw new Refused(HttpStatus.CONFLICT, "not_startable", "a " + status + " broadcast cannot start",
                    Map.of("status", status));
        }
        Set<String> attributeKeys = run.parameters().stream().filter(b -> "attribute".equals(b.source()))
                .map(ParameterBinding::key).collect(Collectors.toSet());
        int[] counts = new int[3]; // recipients, suppressed, position
        List<BroadcastSends.Pending> rows = new ArrayList<>(PAGE);
        audienceQueries.forEachRecipient(run.organizationId(), conditions, attributeKeys, recipient -> {
            if (recipient.phone() == null) {
                return; // erased while the audience was read
            }
            String suppression = Suppression.atStart(run.marketing(), utilityToOptedOut, recipient);
            counts[suppression == null ? 0 : 1]++;
            rows.add(new BroadcastSends.Pending(BroadcastRecipientId.of(run.broadcastId(),
                    recipient.contactId().toString()), run.broadcastId(), run.organizationId(), recipient.contactId(),
                    counts[2]++, recipient.phone(), values(run.parameters(), recipient), suppression));
            if (rows.size() == PAGE) {
                sends.insert(rows);
                rows.clear();
            }
        });
        sends.insert(rows);
        int recipients = counts[0];
        int suppressed = counts[1];
        if (recipients == 0) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "audience_empty", "the broadcast has nobody to send to: "
                    + "its audience has " + suppressed + " contact(s), all suppressed", Map.of("suppressed", suppressed));
        }
        long tokens = Math.multiplyExact(price, (long) recipients);
        if (tokens > 0) {
            long available = wallets.balance(run.organizationId()).available();
            if (available < tokens) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("required", tokens);
                details.put("available", available);
                details.put("shortfall", tokens - available);
                details.put("recipients", recipients);
                details.put("pricePerMessage", price);
                throw new Refused(HttpStatus.PAYMENT_REQUIRED, "insufficient_tokens", "the broadcast to " + recipients
                        + " recipients costs " + tokens + " tokens; " + available + " are available, "
                        + (tokens - available) + " short", details);
            }
            commands.sendAndWait(new ReserveTokens(WalletId.forOrganization(run.organizationId()), run.broadcastId(),
                    tokens, "broadcast " + run.name()));
        }
        commands.sendAndWait(new StartBroadcast(run.broadcastId(), recipients, suppressed, run.broadcastId(), tokens));
        runs.fixPrice(run.broadcastId(), price);
        return new Started(run.broadcastId(), recipients, suppressed, tokens);
    }

    /** Tokens per message of a template of this category: the price list's {@code templates/<category>}, or free. */
    static long price(OrganizationRow organization, TemplateCategory category) {
        return organization.priceList() == null ? 0
                : organization.priceList().priceOf(MODULE, category.priceAction()).orElse(0L);
    }

    /** The template's body parameters for one contact, in the template's order. */
    static List<String> values(List<ParameterBinding> bindings, Recipient recipient) {
        List<String> values = new ArrayList<>(bindings.size());
        for (ParameterBinding binding : bindings) {
            String value = switch (binding.source()) {
                case "name" -> recipient.name();
                case "phone" -> recipient.phone();
                case "attribute" -> recipient.attributes().get(binding.key());
                default -> null;
            };
            values.add(value == null || value.isBlank() ? binding.fallback() : value.strip());
        }
        return values;
    }
}
