-- A place's point on the earth, as ll_to_earth gives it, planned once per
-- connection.
--
-- A search around a place names the place's point up to 21 times in its
-- statement (the radius box, each distance, the nearest-first walk). For a
-- constant, PostgreSQL works ll_to_earth out while planning, by running the
-- SQL function, which parses and plans its body afresh each time: about
-- 55 µs each, over 1 ms of a place search's 1.2–2 ms of planning at 100 000
-- services on PostgreSQL 15. A PL/pgSQL function keeps its plan for the life
-- of the connection, so working it out again costs a few microseconds. The
-- value is the same one (it is ll_to_earth's own).
CREATE FUNCTION belong_ll_to_earth(lat float8, lon float8) RETURNS earth
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN ll_to_earth(lat, lon);
END
$$;
