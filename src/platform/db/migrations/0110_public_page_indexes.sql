-- Indexes the public pages rely on at city scale (issue 16).
--
-- A service's contacts' phones are read with every result and service page
-- (`contact_id = any(array(…))`): without this index each read scanned the
-- whole phone table.
CREATE INDEX IF NOT EXISTS phone_contact ON phone (contact_id);
