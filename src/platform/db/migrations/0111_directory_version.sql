-- A change counter for the directory (issue 16): public pages keep what does
-- not depend on the request (the languages the directory speaks, the start
-- page's figures, Belong's vocabulary, the compiled schedules) in memory, and
-- read this one row to know whether it is still true. It lives in the
-- database, so it is right whichever app process made the change.
--
-- Bumped once per transaction that changes one of the tables below, at
-- commit (a deferred trigger): the row is locked only for the last instant of
-- the transaction, after every other lock it takes, so two writers queue
-- behind each other briefly and never deadlock on it. A value cached from a
-- table must come from one of these tables (src/modules/directory/directory-cache.ts).
CREATE TABLE belong_directory_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO belong_directory_version (id, version) VALUES (true, 0);

CREATE FUNCTION belong_directory_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- Once per transaction: the setting is local to it (it reverts to '' at its end).
  IF coalesce(current_setting('belong.directory_changed', true), '') <> 'on' THEN
    PERFORM set_config('belong.directory_changed', 'on', true);
    UPDATE belong_directory_version SET version = version + 1, changed_at = now() WHERE id;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER service_directory_changed AFTER INSERT OR UPDATE OR DELETE ON service
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER organization_directory_changed AFTER INSERT OR UPDATE OR DELETE ON organization
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER language_directory_changed AFTER INSERT OR UPDATE OR DELETE ON language
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER taxonomy_directory_changed AFTER INSERT OR UPDATE OR DELETE ON taxonomy
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER taxonomy_term_directory_changed AFTER INSERT OR UPDATE OR DELETE ON taxonomy_term
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER schedule_directory_changed AFTER INSERT OR UPDATE OR DELETE ON schedule
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
-- TRUNCATE fires no row trigger: a statement trigger for it.
CREATE FUNCTION belong_directory_truncated() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE belong_directory_version SET version = version + 1, changed_at = now() WHERE id;
  RETURN NULL;
END $$;
CREATE TRIGGER service_directory_truncated AFTER TRUNCATE ON service FOR EACH STATEMENT EXECUTE FUNCTION belong_directory_truncated();
CREATE TRIGGER language_directory_truncated AFTER TRUNCATE ON language FOR EACH STATEMENT EXECUTE FUNCTION belong_directory_truncated();
CREATE TRIGGER schedule_directory_truncated AFTER TRUNCATE ON schedule FOR EACH STATEMENT EXECUTE FUNCTION belong_directory_truncated();
