-- 0002: ASP.NET Core data-protection keys (they sign the sign-in cookie and antiforgery tokens)
-- live in the database, so every app node accepts every other node's cookies and a restart or a
-- new node does not sign everybody out.
CREATE TABLE data_protection_keys (
    friendly_name  text PRIMARY KEY,
    xml            text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
-- Keys are added and expire by date; they are never edited or removed by the app.
REVOKE UPDATE, DELETE, TRUNCATE ON data_protection_keys FROM invest_app;
