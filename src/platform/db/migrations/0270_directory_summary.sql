-- Directory-wide figures kept between starts (issue 16): a value an app
-- process computed from the whole directory (the start page's counts), with
-- the directory's version (migration 0111) it was computed at. A process that
-- starts reads it instead of counting 100,000 services again, as long as the
-- version is still the same; after any change it is computed and written
-- again. Written by readers, so no change trigger: it is derived from the
-- tables that have one.
CREATE TABLE belong_directory_summary (
  name text PRIMARY KEY,
  version bigint NOT NULL,
  value jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);
