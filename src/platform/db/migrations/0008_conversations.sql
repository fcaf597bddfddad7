-- "What matters to you" conversations: what a person told their connector,
-- kept as structured answer codes (never free-floating notes), and the short
-- written plan that came out of it.
--
-- A person may have several conversations over time (a review a year on is a
-- new one); at most one is a draft. Answers are saved after every page, so a
-- draft can be resumed. `answers_format` is the version of the answer codes
-- (conversation-answers.ts), so an old conversation can still be read after
-- the questions change.
--
-- When the person withdraws consent to store their conversation, its answers
-- and plan are erased (status 'erased'), not hidden: the row stays only to
-- say that a conversation happened and was erased, and when.

CREATE TABLE conversation (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete', 'erased')),
  answers_format integer NOT NULL DEFAULT 1,
  answers jsonb NOT NULL DEFAULT '{}',
  -- The interface language it was held in (locales/*.json).
  language text NOT NULL,
  -- Suggestions the connector and the person chose for the plan: [{serviceId, name, organizationName, reasons}].
  chosen jsonb NOT NULL DEFAULT '[]',
  -- What happens next and who will get in touch (short, in the plan).
  next_steps text,
  -- Set when the shortlist had nothing that fitted (the unmet need was recorded).
  nothing_fitted_at timestamptz,
  started_by uuid REFERENCES staff_account(id),
  started_at timestamptz NOT NULL,
  updated_by uuid REFERENCES staff_account(id),
  updated_at timestamptz NOT NULL,
  completed_by uuid REFERENCES staff_account(id),
  completed_at timestamptz,
  plan_sent_at timestamptz,
  plan_sent_by uuid REFERENCES staff_account(id),
  erased_at timestamptz
);
CREATE INDEX conversation_person ON conversation (person_id, started_at);
CREATE UNIQUE INDEX conversation_one_draft ON conversation (person_id) WHERE status = 'draft';
