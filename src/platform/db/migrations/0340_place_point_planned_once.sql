-- A place's point on the earth, and the box around it that a radius search
-- asks the points' GiST index for, as ll_to_earth and earth_box give them,
-- planned once per connection.
--
-- A search around a place names the place's point up to 21 times in its
-- statement (the radius box, each distance, the nearest-first walk) and the
-- box up to 3 times. For constants, PostgreSQL works these SQL functions out
-- while planning, by running them, and a SQL function run that way parses
-- and plans its body afresh each time: about 55 µs for ll_to_earth and 70 µs
-- for earth_box, over 1 ms of a place search's 1.2–2 ms of planning at 100 000
-- services on PostgreSQL 15 (a box whose radius comes from a subquery pays
-- it again when the search runs). PL/pgSQL functions keep their plans for the
-- life of the connection, so working them out again costs a few
-- microseconds. The values are the same ones (they are ll_to_earth's and
-- earth_box's own).
CREATE FUNCTION belong_ll_to_earth(lat float8, lon float8) RETURNS earth
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN ll_to_earth(lat, lon);
END
$$;

CREATE FUNCTION belong_earth_box(centre earth, radius float8) RETURNS cube
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN earth_box(centre, radius);
END
$$;
