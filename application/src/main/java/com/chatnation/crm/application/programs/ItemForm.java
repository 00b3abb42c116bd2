package com.chatnation.crm.application.programs;

/**
 * The add-item form as the browser sends it, kept as typed so a refused item comes back with everything in it: the
 * place as a number of the series or a date (one of the two), an image as a file of the form. Every field is text,
 * so no value a browser could send fails to bind.
 */
record ItemForm(String contentType, String body, String pollId, String sequenceNumber, String scheduledOn) {

    static ItemForm empty() {
        return new ItemForm("text", "", "", "", "");
    }
}
