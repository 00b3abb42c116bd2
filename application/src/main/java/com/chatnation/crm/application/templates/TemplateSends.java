package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.platform.whatsapp.MediaMessage;
import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.application.platform.whatsapp.SendingNumber;
import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppCloudClient;
import com.chatnation.crm.domain.common.Ids;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.domain.template.MessageTemplate;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.RefundTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends one approved template to one contact. Before anything is charged or sent it checks that the template is
 * approved and that the parameters fit it exactly: the header's (a text, or a file of the header's media kind),
 * one per body parameter (by name for named templates, in order for positional ones), and a suffix for each URL
 * button that takes one. The category's price ({@code templates/marketing|utility|authentication} in the price
 * list; none listed: free) is debited under the send's id before the Graph API call and refunded if WhatsApp
 * does not take the message.
 */
@Component
class TemplateSends {

    static final String MODULE = "templates";

    private final TemplateQueries templates;
    private final OrganizationDirectory organizations;
    private final WhatsAppAccounts accounts;
    private final WhatsAppCloudClient client;
    private final CommandGateway commands;

    TemplateSends(TemplateQueries templates, OrganizationDirectory organizations, WhatsAppAccounts accounts,
                  WhatsAppCloudClient templateClient, CommandGateway commands) {
        this.templates = templates;
        this.organizations = organizations;
        this.accounts = accounts;
        this.client = templateClient;
        this.commands = commands;
    }

    /** A value for one parameter as the API takes it: {@code type} text, currency, date_time, image, video, document. */
    record Value(String type, String name, String text, String fallback, String code, BigDecimal amount, String link,
                 String mediaId, String filename) {
    }

    record ButtonValue(Integer index, String text) {
    }

    record Send(String to, Value header, List<Value> body, List<ButtonValue> buttons) {
    }

    record Sent(String sendId, String wamid, String category, long tokens) {
    }

    Sent send(String organizationId, String templateId, Send request) {
        TemplateRow template = templates.template(organizationId, templateId).filter(t -> t.deletedAt() == null)
                .orElseThrow(() -> TemplateRefusal.notFound(templateId));
        if (!MessageTemplate.APPROVED.equals(template.status())) {
            throw new TemplateRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "template_not_approved", "template '"
                    + template.name() + "' (" + template.language() + ") is " + template.status()
                    + "; only an APPROVED template can be sent", Map.of("status", template.status()));
        }
        if (request == null) {
            throw TemplateRefusal.badParameter("a body with the recipient and parameters is required");
        }
        PhoneNumber to = PhoneNumber.of(request.to());
        TemplateMessage message = message(template, request);
        WhatsAppAccounts.Account account = accounts.of(organizationId, false);
        TemplateCategory category = TemplateCategory.valueOf(template.category());
        long price = organizations.byId(organizationId).map(OrganizationRow::priceList).orElse(new PriceList(null))
                .priceOf(MODULE, category.priceAction()).orElse(0L);
        String sendId = Ids.newId();
        String walletId = WalletId.forOrganization(organizationId);
        if (price > 0) {
            DebitOutcome outcome = commands.sendAndWait(new DebitTokens(walletId, MODULE, category.priceAction(),
                    sendId, price));
            if (!outcome.paid()) {
                throw new TemplateRefusal(HttpStatus.PAYMENT_REQUIRED, "insufficient_tokens", "sending template '"
                        + template.name() + "' costs " + price + " tokens; only " + outcome.availableBalance()
                        + " available", Map.of("availableBalance", outcome.availableBalance(), "price", price));
            }
        }
        SendResult result = client.sendTemplate(new SendingNumber(account.phoneNumberId(), account.accessToken()), to,
                message);
        if (result instanceof SendResult.Sent sent) {
            return new Sent(sendId, sent.wamid(), category.name(), price);
        }
        SendResult.Failed failed = (SendResult.Failed) result;
        if (price > 0) {
            commands.sendAndWait(new RefundTokens(walletId, sendId, price, "WhatsApp did not take the template message"));
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (failed.errorCode() != null) {
            details.put("whatsappErrorCode", failed.errorCode());
        }
        if (failed.errorTitle() != null) {
            details.put("whatsappErrorTitle", failed.errorTitle());
        }
        throw new TemplateRefusal(failed.permanent() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_GATEWAY,
                failed.permanent() ? "whatsapp_refused" : "whatsapp_unavailable",
                "WhatsApp did not take the message: " + failed.errorMessage(), details);
    }

    /** The Graph API message, or a 400 naming the first parameter that does not fit the template. */
    static TemplateMessage message(TemplateRow template, Send request) {
        TemplateContent content = template.content();
        TemplateMessage.Parameter header = null;
        if (content.hasMediaHeader()) {
            if (request.header() == null) {
                throw TemplateRefusal.badParameter("the template's " + content.header().format()
                        + " header needs a file (header: {type, link or mediaId})");
            }
            header = parameter(request.header(), null, "header");
            if (!(header instanceof TemplateMessage.Media media)
                    || !media.kind().name().equals(content.header().format())) {
                throw TemplateRefusal.badParameter("the header is a " + content.header().format().toLowerCase(Locale.ROOT)
                        + ", was " + request.header().type());
            }
        } else if (!content.headerParameters().isEmpty()) {
            if (request.header() == null) {
                throw TemplateRefusal.badParameter("missing the header's parameter {{" + content.headerParameters().get(0)
                        + "}}");
            }
            boolean named = "NAMED".equals(template.parameterFormat());
            header = parameter(request.header(), named ? content.headerParameters().get(0) : null, "header");
        } else if (request.header() != null) {
            throw TemplateRefusal.badParameter("the template's header takes no parameter");
        }
        return new TemplateMessage(template.name(), template.language(), header, body(template, request.body()),
                buttons(content, request.buttons()));
    }

    private static List<TemplateMessage.Parameter> body(TemplateRow template, List<Value> values) {
        List<String> expected = template.content().bodyParameters();
        List<Value> given = values == null ? List.of() : values;
        boolean named = "NAMED".equals(template.parameterFormat());
        List<TemplateMessage.Parameter> parameters = new ArrayList<>();
        if (named) {
            Set<String> seen = new HashSet<>();
            for (Value value : given) {
                if (value == null || value.name() == null || !expected.contains(value.name()) || !seen.add(value.name())) {
                    throw TemplateRefusal.badParameter("the body's parameters are " + expected + "; got "
                            + (value == null ? null : value.name()));
                }
                parameters.add(parameter(value, value.name(), "body parameter " + value.name()));
            }
            for (String name : expected) {
                if (!seen.contains(name)) {
                    throw TemplateRefusal.badParameter("missing the body's parameter {{" + name + "}}");
                }
            }
            return parameters;
        }
        if (given.size() != expected.size()) {
            throw TemplateRefusal.badParameter("the body takes " + expected.size() + " parameters ({{1}} to {{"
                    + expected.size() + "}}), got " + given.size());
        }
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null) {
                throw TemplateRefusal.badParameter("body parameter " + (i + 1) + " is missing");
            }
            parameters.add(parameter(given.get(i), null, "body parameter " + (i + 1)));
        }
        return parameters;
    }

    private static List<TemplateMessage.ButtonParameter> buttons(TemplateContent content, List<ButtonValue> values) {
        List<Integer> expected = content.parameterisedButtons();
        List<ButtonValue> given = values == null ? List.of() : values;
        List<TemplateMessage.ButtonParameter> buttons = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (ButtonValue value : given) {
            if (value == null || value.index() == null || !expected.contains(value.index()) || !seen.add(value.index())
                    || value.text() == null || value.text().isBlank()) {
                throw TemplateRefusal.badParameter("button parameters complete the URL buttons at " + expected
                        + ", each once with a text");
            }
            buttons.add(new TemplateMessage.ButtonParameter(value.index(), value.text()));
        }
        if (seen.size() != expected.size()) {
            throw TemplateRefusal.badParameter("missing the link parameter of the URL button(s) at " + expected);
        }
        return buttons;
    }

    private static TemplateMessage.Parameter parameter(Value value, String name, String where) {
        String type = value.type() == null ? "text" : value.type().toLowerCase(Locale.ROOT);
        switch (type) {
            case "text" -> {
                return new TemplateMessage.Text(name, required(value.text(), where + ": text"));
            }
            case "currency" -> {
                if (value.amount() == null || value.code() == null || !value.code().matches("[A-Z]{3}")) {
                    throw TemplateRefusal.badParameter(where + ": a currency needs an ISO 4217 code and an amount");
                }
                return new TemplateMessage.Currency(name, required(value.fallback(), where + ": fallback"), value.code(),
                        value.amount());
            }
            case "date_time" -> {
                return new TemplateMessage.DateTime(name, required(value.fallback(), where + ": fallback"));
            }
            case "image", "video", "document" -> {
                if ((value.link() == null) == (value.mediaId() == null)) {
                    throw TemplateRefusal.badParameter(where + ": a file is given by link or by mediaId, one of them");
                }
                if (value.link() != null && !value.link().startsWith("https://") && !value.link().startsWith("http://")) {
                    throw TemplateRefusal.badParameter(where + ": a link is an http(s) address");
                }
                return new TemplateMessage.Media(name, MediaMessage.Kind.valueOf(type.toUpperCase(Locale.ROOT)),
                        value.link(), value.mediaId(), "document".equals(type) ? value.filename() : null);
            }
            default -> throw TemplateRefusal.badParameter(where + ": type is text, currency, date_time, image, video "
                    + "or document, was '" + value.type() + "'");
        }
    }

    private static String required(String text, String what) {
        if (text == null || text.isBlank()) {
            throw TemplateRefusal.badParameter(what + " is required");
        }
        return text;
    }
}
