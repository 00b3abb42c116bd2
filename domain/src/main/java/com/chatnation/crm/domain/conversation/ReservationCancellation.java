package com.chatnation.crm.domain.conversation;

/**
 * What became of a contact's request to cancel their reservation.
 *
 * @param eventName null when the reservation is unknown (or not theirs)
 */
public record ReservationCancellation(Result result, String eventName, String ticketTypeName, int quantity) {

    public enum Result {
        /** The hold was given up and its tickets went back on sale. */
        CANCELLED,
        /** It had already expired or been cancelled: nothing was held any more. */
        ALREADY_RELEASED,
        /** It is paid: paid tickets are cancelled (and refunded) by the organizer. */
        ALREADY_PAID,
        /** No reservation of this contact by that reference. */
        UNKNOWN
    }
}
