-- A form a browser posted and the server refused, kept a few minutes so the page it returns to can
-- show every typed value again beside the message. Taken (deleted) by the first page that shows
-- it; never holds a password or a setup token.
CREATE TABLE returned_forms (
    token_hash TEXT PRIMARY KEY,       -- SHA-256 of the one-time token in the browser's cookie
    action     TEXT NOT NULL,          -- the endpoint the form posted to, "/api/plans/milestone"
    body       BYTEA NOT NULL,         -- the form's fields, decoded, as a JSON list of [name, value] pairs
    created_at TIMESTAMPTZ NOT NULL
);
