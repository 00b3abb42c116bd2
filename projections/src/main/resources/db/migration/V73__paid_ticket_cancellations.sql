-- Paid tickets the organizer cancels (PaidTicketsCancelled): the reservation reads 'cancelled', or 'refunded' when a
-- refund was recorded, with the amount in refund_amount (the reservation's currency); its tickets read 'cancelled'.
-- The refund is a record of money owed to the contact: the service does not pay it.
ALTER TABLE ticket_reservations DROP CONSTRAINT ticket_reservations_status;
ALTER TABLE ticket_reservations ADD CONSTRAINT ticket_reservations_status
    CHECK (status IN ('reserved', 'issued', 'expired', 'cancelled', 'refunded'));
ALTER TABLE ticket_reservations ADD COLUMN refund_amount NUMERIC(14, 2);
