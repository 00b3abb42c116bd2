package com.chatnation.crm.application.platform.whatsapp;

/** What became of one message handed to {@link WhatsAppCloudClient#send}. */
public sealed interface SendResult {

    /** WhatsApp accepted the message; {@code wamid} identifies it in later status webhooks. */
    record Sent(String wamid) implements SendResult {
    }

    /**
     * WhatsApp did not accept the message.
     *
     * @param httpStatus   status of the last response, or {@code 0} when no response arrived (connection error,
     *                     timeout, interruption)
     * @param errorCode    Graph API {@code error.code}, when the body carried one
     * @param errorTitle   Graph API {@code error.title} (or {@code error_user_title}, or {@code type})
     * @param errorMessage Graph API {@code error.message}, or a description of the transport failure
     * @param errorDetails Graph API {@code error.error_data.details}
     * @param permanent    {@code true} when sending the same message again cannot succeed (invalid parameters,
     *                     expired customer service window, bad credentials); {@code false} when a later attempt may
     */
    record Failed(int httpStatus, Integer errorCode, String errorTitle, String errorMessage, String errorDetails,
                  boolean permanent) implements SendResult {

        public Failed(int httpStatus, Integer errorCode, String errorTitle, String errorMessage, boolean permanent) {
            this(httpStatus, errorCode, errorTitle, errorMessage, null, permanent);
        }
    }
}
