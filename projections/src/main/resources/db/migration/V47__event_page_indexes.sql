-- Indexes behind the dashboard's event pages (projections/queries/EventQueries), in the V9 convention: the
-- organization, the equality filter, then the keyset's sort keys, so a page is one index range scan in order.

-- /app/events: the organization's events, latest start first.
CREATE INDEX events_organization_starts_id ON events (organization_id, starts_at DESC, id DESC);

-- /app/events/{id}: an event's sales (issued tickets), reservations and participants, newest first.
CREATE INDEX tickets_event_issued ON tickets (organization_id, event_id, issued_at DESC, ticket_code DESC);
CREATE INDEX ticket_reservations_event_created
    ON ticket_reservations (organization_id, event_id, created_at DESC, id DESC);
CREATE INDEX participants_event_registered ON participants (organization_id, event_id, registered_at DESC, id DESC);
