package com.chatnation.crm.domain.conversation;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Small text helpers for replies that must fit WhatsApp's field limits. */
final class Texts {

    private Texts() {
    }

    static String fit(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String money(BigDecimal amount, String currency) {
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return currency + " " + format.format(amount);
    }
}
