-- An erased contact's number is blanked in the ticket catalog's reservations (the sale itself stays).
ALTER TABLE ticket_catalog_reservations ALTER COLUMN contact_phone DROP NOT NULL;
