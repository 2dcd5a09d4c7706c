-- The table of refused forms becomes the table of one-time hand-overs from a form post to the page
-- it returns to: a refused form's fields, or the first sign-in links of people just imported, for
-- the admin who imported them. Each row is taken (deleted) by the first page that shows it, and
-- dropped after a few minutes otherwise.
ALTER TABLE returned_forms RENAME TO hand_overs;

-- A one-time link an imported person uses to choose their own password and sign in for the first
-- time. Only the token's hash is stored; the row is deleted when the link is used.
CREATE TABLE first_sign_in_links (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
