package com.chatnation.crm.application.payments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Safaricom Daraja credentials and the payment timings. Payments by M-Pesa are on when a consumer key is set.
 *
 * @param baseUrl                 Daraja's host: the sandbox by default, {@code https://api.safaricom.co.ke} live
 * @param shortCode               the paybill or till number the money goes to (Daraja's BusinessShortCode)
 * @param passkey                 the Lipa na M-Pesa Online passkey of that short code
 * @param transactionType         {@code CustomerPayBillOnline} for a paybill, {@code CustomerBuyGoodsOnline} for a till
 * @param partyB                  the number credited, when it differs from the short code (a till under a store number)
 * @param callbackSources         addresses or CIDR blocks Daraja's callbacks may come from; empty accepts any (behind a
 *                                proxy that does not pass the caller's address, callbacks are still checked otherwise)
 * @param confirmCallbacks        whether a success callback is believed only once Daraja's status query confirms it
 * @param callbackWait            how long after the prompt the callback is waited for before Daraja is asked
 * @param queryEvery              how often Daraja is asked again while it says the payment is being processed
 * @param answerWithin            after this long without a final answer a payment is given up
 */
@ConfigurationProperties("crm.payments.mpesa")
record MpesaSettings(@DefaultValue("https://sandbox.safaricom.co.ke") String baseUrl,
                     @DefaultValue("") String consumerKey,
                     @DefaultValue("") String consumerSecret,
                     @DefaultValue("") String shortCode,
                     @DefaultValue("") String passkey,
                     @DefaultValue("CustomerPayBillOnline") String transactionType,
                     @DefaultValue("") String partyB,
                     @DefaultValue List<String> callbackSources,
                     @DefaultValue("true") boolean confirmCallbacks,
                     @DefaultValue("90s") Duration callbackWait,
                     @DefaultValue("30s") Duration queryEvery,
                     @DefaultValue("10m") Duration answerWithin) {

    boolean enabled() {
        return consumerKey != null && !consumerKey.isBlank();
    }

    /** The number credited: {@link #partyB} when set, else the short code. */
    String creditedParty() {
        return partyB == null || partyB.isBlank() ? shortCode : partyB;
    }

    // Secrets stay out of logs and error pages that print the settings.
    @Override
    public String toString() {
        return "MpesaSettings[baseUrl=" + baseUrl + ", shortCode=" + shortCode + ", consumerKey="
                + (enabled() ? "(set)" : "(none)") + ", transactionType=" + transactionType + "]";
    }
}
