package com.chatnation.crm.application.platform.pages;

import java.util.List;

/**
 * A chart as the page's script draws it (Chart.js): the template writes it as JSON into the canvas's
 * {@code data-chart} attribute, so a chart needs no script of its own and the numbers are in the page.
 */
public record ChartData(String type, List<String> labels, List<Series> series) {

    public record Series(String label, List<? extends Number> values) {
    }

    public ChartData {
        labels = List.copyOf(labels);
        series = List.copyOf(series);
    }
}
