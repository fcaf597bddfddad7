-- The language a person speaks when the pages have no translation for it
-- (any ISO 639 code: "yue" for Cantonese, "ti" is a page language so would
-- not be here). Their pages are then in preferred_language (English or
-- another they read), which says nothing about speaking English: matching
-- takes this language first and keeps the interpreter rule on (issue 11).
ALTER TABLE person ADD COLUMN spoken_language text CHECK (spoken_language ~ '^[a-z]{2,3}$');
