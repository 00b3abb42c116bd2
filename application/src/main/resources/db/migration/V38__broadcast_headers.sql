-- The file of a broadcast's media header (format, link or media id, file name), null when its template has none.
ALTER TABLE broadcast_runs ADD COLUMN header JSONB;
