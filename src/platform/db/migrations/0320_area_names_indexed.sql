-- Places typed by name (issue 16): "/find?where=Manningham" looks the area
-- name up among the public locations, and a misspelt one among names that
-- look alike. Both compared every location's folded area name: at 100 000
-- services (40 000 locations) 50-80 ms a search before it began. Indexed on
-- the same expressions, for public locations only (the queries ask for no
-- others).
CREATE INDEX belong_location_area_fold ON belong_location (belong_fold(area_name))
  WHERE confidential = false AND area_name IS NOT NULL;
CREATE INDEX belong_location_area_trgm ON belong_location USING gin (belong_fold(area_name) gin_trgm_ops)
  WHERE confidential = false AND area_name IS NOT NULL;
