package com.chatnation.crm.projections.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * A funnel computed over the contacts who entered its first step between {@code from} and {@code to} (UTC days,
 * both included).
 *
 * @param overallConversionPercent share of entrants who reached the last step
 * @param groups                   the same figures per breakdown group, empty without a breakdown
 */
public record FunnelReport(FunnelDefinition funnel, LocalDate from, LocalDate to, String breakdown,
                           long contacts, Double overallConversionPercent, List<StepFigures> steps,
                           List<Group> groups) {

    /**
     * One step's figures. The last step converts to nothing, so its {@code converted}, {@code conversionPercent},
     * {@code dropOff} and {@code medianSecondsToConvert} are null.
     *
     * @param entered                contacts who reached this step (in order, within the window)
     * @param converted              of those, contacts who went on to the next step within the window
     * @param conversionPercent      converted / entered × 100, one decimal; null when nobody entered
     * @param dropOff                entered − converted
     * @param medianSecondsToConvert median time from reaching this step to reaching the next, over the converted
     */
    public record StepFigures(int position, String step, long entered, Long converted, Double conversionPercent,
                              Long dropOff, Double medianSecondsToConvert) {
    }

    public record Group(String key, long contacts, Double overallConversionPercent, List<StepFigures> steps) {
    }
}
