-- Whether utility and authentication templates still go to contacts who opted out of marketing. TRUE unless the
-- organization says otherwise: Meta's marketing opt-out concerns marketing only, and a utility message (a ticket, a
-- reminder) is something the contact asked for. Marketing templates never go to them, whatever this says.
ALTER TABLE organizations ADD COLUMN utility_to_opted_out BOOLEAN NOT NULL DEFAULT TRUE;
