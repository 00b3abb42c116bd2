-- Whose message a messages.in fact counts, so a contact's erasure can do to the live rollups what a rebuild would:
-- the erased contact's messages can no longer be read, so a rebuild counts them under the type 'unknown'. Facts
-- written before this column existed have none; a rebuild of the analytics-rollups group fills it in.
ALTER TABLE rollup_facts ADD COLUMN contact_id VARCHAR(64);
CREATE INDEX rollup_facts_contact ON rollup_facts (contact_id) WHERE contact_id IS NOT NULL;
