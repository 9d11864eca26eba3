-- Accounts and API tokens of the HTTP server (issue 13). Kept apart from the incident tables:
-- nothing else refers to them. Passwords and tokens are stored only as hashes (argon2 PHC
-- strings for passwords, SHA-256 hex for random API tokens); roles are checked by the app.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
