package com.chatnation.crm.application.polls;

import java.util.List;

/**
 * The new-poll form as the browser sends it, kept as typed so a refused poll comes back with everything in it: the
 * options one a line, the times as {@code datetime-local} values read as UTC (the page says so), and the checkbox
 * absent when it is not ticked. Every field is text, so no value a browser could send fails to bind.
 */
record PollForm(String question, String options, String keyword, String opensAt, String closesAt,
                String votesChangeable) {

    static PollForm empty() {
        return new PollForm("", "", "", "", "", null);
    }

    /**
     * The options one a line; blank lines are the textarea's (a trailing newline, a gap between options) rather
     * than empty options, so they are left out, and the poll itself refuses what remains if it is not 2 to 10.
     */
    List<String> optionLines() {
        return options == null ? List.of()
                : options.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** Public for the template, which reads it to tick the box again. */
    public boolean changeable() {
        return "true".equals(votesChangeable);
    }
}
