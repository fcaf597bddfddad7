-- Belong extension: translations of the directory's own texts (a service's
-- description, what to expect, how to join, …) into the interface languages.
-- The original stays in the HSDS table; a page shows the translation for the
-- person's language when there is one, and says so when there is not.
-- `source` tells people whether a person or a machine wrote it.
CREATE TABLE belong_translation (
  entity text NOT NULL CHECK (entity IN ('service', 'organization', 'location')),
  entity_id uuid NOT NULL,
  field text NOT NULL,
  locale text NOT NULL CHECK (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  text text NOT NULL CHECK (length(btrim(text)) > 0),
  source text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'machine')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, entity_id, field, locale)
);
