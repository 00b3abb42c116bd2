package com.chatnation.crm.application.platform.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** Chart data as the page's script reads it; the template's attribute escaping keeps it inert in the page. */
@Component
public class PageJson {

    private final ObjectMapper json;

    public PageJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(ChartData chart) {
        try {
            return json.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data is plain numbers and text", e);
        }
    }
}
