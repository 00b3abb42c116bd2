-- Every issued ticket code with its organization, event and type, kept in the events' own transactions (the
-- command-catalogs group), so a check-in at a gate knows what a code is the moment it is issued, without the read
-- model (which follows later and may be rebuilt). status: valid.
CREATE TABLE admission_register (
    ticket_code     VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL,
    event_id        VARCHAR(64) NOT NULL,
    ticket_type_id  VARCHAR(64) NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'valid'
);

-- Tickets issued before the register existed, from the event store, so they can be checked in too.
INSERT INTO admission_register (ticket_code, organization_id, event_id, ticket_type_id, status)
SELECT code.value, issued.payload ->> 'organizationId', issued.payload ->> 'eventId',
       issued.payload ->> 'ticketTypeId', 'valid'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS payload FROM domainevententry
      WHERE payloadtype = 'com.chatnation.crm.domain.ticketing.TicketsIssued') issued
CROSS JOIN LATERAL jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(issued.payload -> 'ticketCodes') = 'array' THEN issued.payload -> 'ticketCodes'
             ELSE '[]'::jsonb END) AS code(value)
WHERE issued.payload ->> 'organizationId' IS NOT NULL AND issued.payload ->> 'eventId' IS NOT NULL
  AND issued.payload ->> 'ticketTypeId' IS NOT NULL
ON CONFLICT (ticket_code) DO NOTHING;
