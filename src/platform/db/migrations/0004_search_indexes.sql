-- Indexes for the directory search at scale (100 000 services); see
-- src/modules/directory/service-search.repository.ts for the query shapes.

-- A search with no words, place or filter lists active services by name
-- (then id): walking this index gives the first page without sorting them all.
CREATE INDEX service_active_name ON service (name, id) WHERE status = 'active';

-- Belong terms on array columns (mode:phone, food:halal, …) are `@>` tests;
-- like support_kinds (migration 0001), these let them find the few services
-- that match instead of testing every service's arrays.
CREATE INDEX belong_service_modes ON belong_service USING gin (modes);
CREATE INDEX belong_service_food ON belong_service USING gin (food);
