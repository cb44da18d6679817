-- API keys of the gateway. Only the SHA-256 of each secret is kept: the secret itself is shown once,
-- when the key is created. A revoked key keeps its row (revoked_at set) so its secret never works again.
CREATE TABLE api_key (
    id                  BIGSERIAL PRIMARY KEY,
    name                TEXT        NOT NULL,
    scopes              TEXT        NOT NULL, -- space-separated: read submit train admin
    secret_sha256       TEXT        NOT NULL UNIQUE,
    requests_per_second INTEGER,              -- NULL: the gateway's default
    created_at          TIMESTAMPTZ NOT NULL,
    revoked_at          TIMESTAMPTZ
);
