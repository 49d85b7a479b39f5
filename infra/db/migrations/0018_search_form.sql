-- 0018 search treats full-width and half-width forms alike (ＡＢＣ and ABC, （ and (, １２３ and 123),
-- and upper and lower case: both what is searched and what is stored are compared in this one form.
CREATE FUNCTION search_form(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(normalize(value, NFKC)) $$;
