package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells the conversation what became of the contact's request to cancel a reservation. */
public record RecordReservationCancellation(@TargetAggregateIdentifier String conversationId, String reservationId,
                                            ReservationCancellation outcome) {
}
