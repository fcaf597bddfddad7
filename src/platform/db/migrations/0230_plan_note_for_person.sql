-- A note the connector writes to the person, on their plan (printed, e-mailed,
-- shown at /my), kept apart from the notes for staff (issue 12).
--
-- The notes written so far (next_steps) were about the person, often in the
-- third person: they stay in next_steps, which is now the notes for staff and
-- is never shown on the plan, printed, sent or shown at /my.
ALTER TABLE conversation ADD COLUMN note_for_person text;
