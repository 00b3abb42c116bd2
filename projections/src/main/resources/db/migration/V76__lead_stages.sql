-- Where an exhibitor's follow-up of each lead stands (new, contacted, qualified, won, lost), moved by their staff.
ALTER TABLE leads ADD COLUMN stage VARCHAR(16) NOT NULL DEFAULT 'new';
ALTER TABLE leads ADD COLUMN stage_changed_at TIMESTAMPTZ;
