package com.chatnation.crm.application.programs;

/**
 * The new-program form as the browser sends it, kept as typed so a refused program comes back with everything in it.
 * Every field is text, so no value a browser could send fails to bind.
 */
record ProgramForm(String name, String description, String frequency, String at, String day, String timeZone,
                   String joinKeyword, String startFrom, String reengageTemplate, String reengageLanguage) {

    static ProgramForm empty() {
        return new ProgramForm("", "", "daily", "06:00", "", ProgramRequest.DEFAULT_TIME_ZONE, "", "beginning", "",
                "");
    }

    /** The request the API would take for the same program: its limits are the page's. */
    ProgramRequest request() {
        // the day select keeps its value when daily is chosen; only a weekly program takes a day
        String weekday = "weekly".equals(frequency) ? day : null;
        return new ProgramRequest(name, blankToNull(description), new ProgramRequest.Schedule(frequency, at, weekday),
                timeZone, joinKeyword, startFrom, blankToNull(reengageTemplate), blankToNull(reengageLanguage));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
