package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.platform.images.QrPoster;
import org.springframework.stereotype.Component;

import java.awt.Font;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A booth's sign: a PNG with a large QR code that opens a chat with the organization's WhatsApp number and "LEAD A15"
 * typed in ({@code https://wa.me/<number>?text=LEAD%20A15}), and under it the booth code and the company, drawn as
 * ticket passes are ({@link QrPoster}). Without the number the code holds the text
 * "LEAD A15" alone, which a visitor can type.
 */
@Component
class BoothQrImages {

    /** A WhatsApp number as wa.me takes it: the full international number, digits only. */
    private static final Pattern NUMBER = Pattern.compile("\\d{8,15}");

    /** The text a visitor sends for the booth. */
    static String leadText(String boothCode) {
        return "LEAD " + boothCode;
    }

    /**
     * What the QR code holds: the wa.me link for {@code number} (digits, a leading + and spaces allowed), or the
     * text alone when no number is given; null for a number that is not one.
     */
    static String link(String number, String boothCode) {
        if (number == null || number.isBlank()) {
            return leadText(boothCode);
        }
        String digits = number.strip().replaceFirst("^\\+", "").replace(" ", "");
        if (!NUMBER.matcher(digits).matches()) {
            return null;
        }
        return "https://wa.me/" + digits + "?text=" + URLEncoder.encode(leadText(boothCode), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    byte[] render(String payload, String boothCode, String companyName) {
        return QrPoster.render(payload, List.of(
                new QrPoster.Line("Booth " + boothCode, new Font(Font.SANS_SERIF, Font.BOLD, 56), QrPoster.INK),
                new QrPoster.Line(companyName, new Font(Font.SANS_SERIF, Font.PLAIN, 30), QrPoster.MUTED)));
    }
}
