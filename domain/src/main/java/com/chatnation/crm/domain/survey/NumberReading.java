package com.chatnation.crm.domain.survey;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a number the way contacts type one on a phone: digits, a number word (English or Swahili, zero to
 * ten), a keycap emoji, or a row of stars.
 */
public final class NumberReading {

    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("sifuri", 0), Map.entry("moja", 1), Map.entry("mbili", 2), Map.entry("tatu", 3),
            Map.entry("nne", 4), Map.entry("tano", 5), Map.entry("sita", 6), Map.entry("saba", 7),
            Map.entry("nane", 8), Map.entry("tisa", 9), Map.entry("kumi", 10));

    private static final String KEYCAP = "\u20E3";
    private static final String VARIATION_SELECTOR = "\uFE0F";
    private static final String KEYCAP_TEN = "\uD83D\uDD1F";
    private static final String STAR = "\u2B50";

    private NumberReading() {
    }

    /** The number the text stands for, or null when it is not one. */
    public static BigDecimal read(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "").trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return normalized(new BigDecimal(text));
        }
        Integer word = WORDS.get(text);
        if (word != null) {
            return BigDecimal.valueOf(word);
        }
        if (text.equals(KEYCAP_TEN)) {
            return BigDecimal.TEN;
        }
        String emoji = text.replace(VARIATION_SELECTOR, "");
        if (emoji.length() == 2 && emoji.endsWith(KEYCAP) && Character.isDigit(emoji.charAt(0))) {
            return BigDecimal.valueOf(emoji.charAt(0) - '0');
        }
        if (!emoji.isEmpty() && emoji.replace(STAR, "").isEmpty()) {
            return BigDecimal.valueOf(emoji.length() / STAR.length());
        }
        return null;
    }

    static BigDecimal normalized(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
