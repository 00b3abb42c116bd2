-- Indexes behind the dashboard API (projections/queries). Every dashboard query filters by organization_id
-- first and pages by keyset on (sort column, unique tie-breaker), so each index below leads with
-- organization_id, then the equality filter the endpoint offers, then the sort keys in the order the query
-- walks them: a page is one index range scan that stops after LIMIT rows.

-- GET /contacts?q=<phone prefix>: LIKE '+2547%' needs pattern ops (the unique (organization_id, phone)
-- constraint uses the database collation, which only serves LIKE under the C collation). Matching rows are
-- then sorted by last activity, which is cheap for a prefix narrow enough to be useful.
CREATE INDEX contacts_organization_phone_prefix ON contacts (organization_id, phone varchar_pattern_ops);
-- GET /contacts (no q, or q as a name): newest activity first with the id as tie-breaker. A name search
-- (case-insensitive contains) cannot use a btree; it walks this index in order and stops once a page is full.
CREATE INDEX contacts_organization_activity ON contacts (organization_id, last_seen_at DESC, id DESC);

-- GET /contacts/{id}/conversations: a contact's sessions, newest first.
CREATE INDEX conversations_organization_contact_started
    ON conversations (organization_id, contact_id, started_at DESC, id DESC);

-- GET /conversations/{id}/messages: the transcript in order.
CREATE INDEX messages_organization_conversation_created
    ON messages (organization_id, conversation_id, created_at, id);

-- GET /wallet/transactions: newest first, optionally by type or module, optionally bounded by date. The
-- wallet stream's sequence number breaks ties between movements of the same instant.
CREATE INDEX token_transactions_organization_page
    ON token_transactions (organization_id, created_at DESC, sequence_number DESC);
CREATE INDEX token_transactions_organization_type_page
    ON token_transactions (organization_id, type, created_at DESC, sequence_number DESC);
CREATE INDEX token_transactions_organization_module_page
    ON token_transactions (organization_id, module, created_at DESC, sequence_number DESC);

-- GET /surveys: newest first.
CREATE INDEX surveys_organization_created ON surveys (organization_id, created_at DESC, id DESC);
-- GET /surveys and GET /surveys/{id}/results: an organization's responses to one survey in a date range.
CREATE INDEX survey_responses_organization_survey_started
    ON survey_responses (organization_id, survey_id, started_at);
