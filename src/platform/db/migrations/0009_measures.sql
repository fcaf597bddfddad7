-- Connection and wellbeing measures: one row each time a measure is offered
-- to a person (a baseline or a follow-up). Answers are stored as codes, never
-- display positions; scores are derived on the server when the row is saved.
-- A measure the person says no to is kept as "declined" with no answers, so
-- offering is recorded and nothing is forced.

CREATE TABLE measure_administration (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  -- Built-in measure id (ons_loneliness, ons4, cel3, belonging, groups) or a content pack's id.
  measure_id text NOT NULL CHECK (measure_id ~ '^[a-z][a-z0-9_]*$'),
  measure_version text NOT NULL,
  occasion text NOT NULL CHECK (occasion IN ('baseline', 'follow_up')),
  occasion_date date NOT NULL,
  -- The language the questions were asked in (locales/*.json code).
  language text NOT NULL,
  -- 'official' when the wording is the instrument's own, 'unvalidated' for our translations.
  translation_status text NOT NULL CHECK (translation_status IN ('official', 'unvalidated')),
  mode text NOT NULL CHECK (mode IN ('self', 'assisted', 'interpreter_read')),
  explanation_shown boolean NOT NULL,
  declined boolean NOT NULL DEFAULT false,
  -- { itemId: code } with 'prefer_not' for "prefer not to say".
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- [{ id, value, band?, category? }] computed by the server from the answers.
  scores jsonb NOT NULL DEFAULT '[]'::jsonb,
  recorded_by uuid REFERENCES staff_account(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT declined OR (answers = '{}'::jsonb AND scores = '[]'::jsonb))
);
CREATE INDEX measure_administration_person ON measure_administration (person_id, measure_id, occasion_date);
CREATE INDEX measure_administration_measure ON measure_administration (measure_id, occasion);
