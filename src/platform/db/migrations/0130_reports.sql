-- Evidence for commissioners (issue 13).

-- 1. Ethnicity, optional and only with the person's consent to be asked:
-- the ONS 2021 England and Wales categories, or "prefer not to say". NULL is
-- "not asked" (or not answered). When it was asked is kept with it.
ALTER TABLE person
  ADD COLUMN ethnicity text CHECK (ethnicity IN (
    'asian_bangladeshi', 'asian_chinese', 'asian_indian', 'asian_pakistani', 'asian_other',
    'black_african', 'black_caribbean', 'black_other',
    'mixed_white_asian', 'mixed_white_black_african', 'mixed_white_black_caribbean', 'mixed_other',
    'white_british', 'white_irish', 'white_gypsy_traveller', 'white_roma', 'white_other',
    'other_arab', 'other_any', 'prefer_not_to_say')),
  ADD COLUMN ethnicity_asked_at timestamptz,
  ADD CONSTRAINT person_ethnicity_asked CHECK (ethnicity IS NULL OR ethnicity_asked_at IS NOT NULL);

-- 2. How the person came to the connector. NULL: not recorded.
ALTER TABLE referral
  ADD COLUMN route text CHECK (route IN (
    'gp', 'pharmacy', 'hospital_discharge', 'jobcentre', 'housing', 'community_group', 'self_referral', 'other'));

-- 3. The population of each area, by group, that an administrator uploads
-- (docs/reports.md): turns shares of people referred into reach ratios.
CREATE TABLE report_population (
  area text NOT NULL CHECK (area <> ''),
  dimension text NOT NULL CHECK (dimension IN ('ethnicity', 'age_band', 'gender', 'language')),
  value text NOT NULL CHECK (value <> ''),
  population integer NOT NULL CHECK (population >= 0),
  source text NOT NULL,
  uploaded_by uuid,
  uploaded_at timestamptz NOT NULL,
  PRIMARY KEY (area, dimension, value)
);
