package com.chatnation.crm.domain.survey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A lexicon-based sentiment score in [-1, 1]: the mean weight of the opinion words found, where a negation
 * in the three words before an opinion word flips it and an intensifier next to it strengthens it. Local and
 * deterministic on purpose: a completed response gets the same score on every replay, with no network call.
 */
public final class Sentiment {

    private static final Map<String, Double> LEXICON = Map.ofEntries(
            Map.entry("good", 0.6), Map.entry("great", 0.8), Map.entry("excellent", 1.0), Map.entry("amazing", 0.9),
            Map.entry("awesome", 0.9), Map.entry("love", 0.8), Map.entry("loved", 0.8), Map.entry("like", 0.4),
            Map.entry("liked", 0.4), Map.entry("nice", 0.5), Map.entry("happy", 0.7), Map.entry("helpful", 0.6),
            Map.entry("friendly", 0.6), Map.entry("fast", 0.4), Map.entry("quick", 0.4), Map.entry("easy", 0.4),
            Map.entry("clean", 0.4), Map.entry("perfect", 1.0), Map.entry("satisfied", 0.6), Map.entry("thanks", 0.4),
            Map.entry("thank", 0.4), Map.entry("recommend", 0.6), Map.entry("best", 0.8), Map.entry("fine", 0.3),
            Map.entry("bad", -0.6), Map.entry("terrible", -1.0), Map.entry("awful", -1.0), Map.entry("horrible", -1.0),
            Map.entry("poor", -0.6), Map.entry("worst", -1.0), Map.entry("hate", -0.9), Map.entry("hated", -0.9),
            Map.entry("slow", -0.4), Map.entry("rude", -0.7), Map.entry("dirty", -0.5), Map.entry("expensive", -0.4),
            Map.entry("disappointed", -0.7), Map.entry("disappointing", -0.7), Map.entry("angry", -0.7),
            Map.entry("unhappy", -0.7), Map.entry("broken", -0.5), Map.entry("problem", -0.4), Map.entry("late", -0.4),
            Map.entry("useless", -0.8), Map.entry("waste", -0.7),
            // Swahili
            Map.entry("nzuri", 0.6), Map.entry("poa", 0.5), Map.entry("asante", 0.4), Map.entry("safi", 0.5),
            Map.entry("mbaya", -0.6), Map.entry("vibaya", -0.6));

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "dont", "don't", "didnt", "didn't",
            "isnt", "isn't", "wasnt", "wasn't", "aren't", "arent", "cant", "can't", "won't", "wont", "hardly",
            "without", "si", "sio", "siyo");

    private static final Set<String> INTENSIFIERS_BEFORE = Set.of("very", "really", "so", "extremely", "super", "too");
    /** Swahili puts the intensifier after the word: "nzuri sana". */
    private static final Set<String> INTENSIFIERS_AFTER = Set.of("sana");

    private static final double INTENSITY = 1.5;
    private static final int NEGATION_REACH = 3;

    private Sentiment() {
    }

    public static double score(String text) {
        return mean(weights(text));
    }

    /** One score over several answers: every opinion word counts once, whichever answer it is in. */
    public static double score(Collection<String> texts) {
        List<Double> all = new ArrayList<>();
        for (String text : texts) {
            all.addAll(weights(text));
        }
        return mean(all);
    }

    private static List<Double> weights(String text) {
        List<Double> found = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return found;
        }
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
        for (int i = 0; i < words.length; i++) {
            Double weight = LEXICON.get(words[i]);
            if (weight == null) {
                continue;
            }
            double value = weight;
            if (i > 0 && INTENSIFIERS_BEFORE.contains(words[i - 1])
                    || i + 1 < words.length && INTENSIFIERS_AFTER.contains(words[i + 1])) {
                value *= INTENSITY;
            }
            if (negated(words, i)) {
                value = -value;
            }
            found.add(Math.max(-1.0, Math.min(1.0, value)));
        }
        return found;
    }

    private static boolean negated(String[] words, int index) {
        // A negation reaches back at most three words, and not past "but" or another opinion word:
        // in "not good but great" only "good" is negated.
        for (int i = index - 1; i >= Math.max(0, index - NEGATION_REACH); i--) {
            if (NEGATIONS.contains(words[i])) {
                return true;
            }
            if (words[i].equals("but") || words[i].equals("lakini") || LEXICON.containsKey(words[i])) {
                return false;
            }
        }
        return false;
    }

    private static double mean(List<Double> weights) {
        if (weights.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        // Rounded so the score in the completion event does not depend on floating-point summation order.
        return Math.round(sum / weights.size() * 1000) / 1000.0;
    }
}
