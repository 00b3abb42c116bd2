-- How many days an organization keeps message texts (NULL: no limit); older texts are blanked in the read tables and
-- their monthly keys destroyed (see personal_data_keys).
ALTER TABLE organizations ADD COLUMN message_retention_days INTEGER;
