-- An erased contact's number is blanked in the ticket catalog's reservations (the sale itself stays).
ALTER TABLE ticket_catalog_reservations ALTER COLUMN contact_phone DROP NOT NULL;

-- Which contacts were erased and when: no personal data, only the opaque id. The directory's start-up backfill
-- from the contacts table skips them (the contact's read rows may still be on their way out when it runs).
CREATE TABLE erased_contacts (
    contact_id      VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    erased_at       TIMESTAMPTZ  NOT NULL
);
