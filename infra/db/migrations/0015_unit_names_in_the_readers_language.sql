-- 0015 a unit's name in the reader's language. Each request's database session says which language
-- it reads (set_config('invest.lang', …) when it opens, see DbSession); a query that shows a unit name
-- asks for unit_name(zh, en). Without a setting (migrations, background work) it is the Chinese name.
CREATE FUNCTION unit_name(name_zh text, name_en text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN current_setting('invest.lang', true) = 'en' THEN name_en ELSE name_zh END $$;
