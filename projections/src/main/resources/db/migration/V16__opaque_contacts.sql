-- Contacts are named by the opaque id the contact directory hands out, and an erased contact's number is gone:
-- phone columns may be empty (an erased contact, or an event that names only the contact id), a phone number no
-- longer identifies a row, and journey analytics stop copying it.
ALTER TABLE contacts ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE contacts DROP CONSTRAINT contacts_organization_phone;
ALTER TABLE conversations ALTER COLUMN contact_phone DROP NOT NULL;
ALTER TABLE messages ALTER COLUMN contact_phone DROP NOT NULL;
ALTER TABLE survey_responses ALTER COLUMN contact_phone DROP NOT NULL;
ALTER TABLE ticket_reservations ALTER COLUMN contact_phone DROP NOT NULL;
ALTER TABLE tickets ALTER COLUMN contact_phone DROP NOT NULL;
ALTER TABLE participants ALTER COLUMN contact_phone DROP NOT NULL;
ALTER TABLE participants DROP CONSTRAINT participants_event_contact;
ALTER TABLE participants ADD CONSTRAINT participants_event_contact UNIQUE (event_id, contact_id);
ALTER TABLE journey_events ALTER COLUMN contact_phone DROP NOT NULL;
