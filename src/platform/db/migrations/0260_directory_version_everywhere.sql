-- Every table a public page reads bumps the directory's change counter
-- (migration 0111), not only the six that the cached vocabularies needed:
-- public pages and /oruk answers are now kept whole while the directory is
-- unchanged (src/platform/http/page-cache.ts), so a change to a phone number,
-- an address, a closure, a translation or a group's capacity must show at
-- once, whichever process or tool made it. Same deferred trigger as 0111:
-- one bump per transaction, at commit. Not belong_schedule_rule: its rows are
-- compiled from schedules (which bump already), sometimes by a reader, and a
-- read must not look like a change.
CREATE CONSTRAINT TRIGGER organization_identifier_directory_changed AFTER INSERT OR UPDATE OR DELETE ON organization_identifier
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER location_directory_changed AFTER INSERT OR UPDATE OR DELETE ON location
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER address_directory_changed AFTER INSERT OR UPDATE OR DELETE ON address
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER service_at_location_directory_changed AFTER INSERT OR UPDATE OR DELETE ON service_at_location
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER phone_directory_changed AFTER INSERT OR UPDATE OR DELETE ON phone
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER contact_directory_changed AFTER INSERT OR UPDATE OR DELETE ON contact
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER accessibility_directory_changed AFTER INSERT OR UPDATE OR DELETE ON accessibility
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER cost_option_directory_changed AFTER INSERT OR UPDATE OR DELETE ON cost_option
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER funding_directory_changed AFTER INSERT OR UPDATE OR DELETE ON funding
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER service_area_directory_changed AFTER INSERT OR UPDATE OR DELETE ON service_area
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER attribute_directory_changed AFTER INSERT OR UPDATE OR DELETE ON attribute
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER unit_directory_changed AFTER INSERT OR UPDATE OR DELETE ON unit
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER service_capacity_directory_changed AFTER INSERT OR UPDATE OR DELETE ON service_capacity
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER belong_service_directory_changed AFTER INSERT OR UPDATE OR DELETE ON belong_service
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER belong_location_directory_changed AFTER INSERT OR UPDATE OR DELETE ON belong_location
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER belong_schedule_exception_directory_changed AFTER INSERT OR UPDATE OR DELETE ON belong_schedule_exception
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER belong_field_origin_directory_changed AFTER INSERT OR UPDATE OR DELETE ON belong_field_origin
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER belong_translation_directory_changed AFTER INSERT OR UPDATE OR DELETE ON belong_translation
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER belong_import_source_directory_changed AFTER INSERT OR UPDATE OR DELETE ON belong_import_source
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
CREATE CONSTRAINT TRIGGER metadata_directory_changed AFTER INSERT OR UPDATE OR DELETE ON metadata
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();
-- TRUNCATE fires no row trigger (as in 0111).
CREATE TRIGGER location_directory_truncated AFTER TRUNCATE ON location FOR EACH STATEMENT EXECUTE FUNCTION belong_directory_truncated();
CREATE TRIGGER organization_directory_truncated AFTER TRUNCATE ON organization FOR EACH STATEMENT EXECUTE FUNCTION belong_directory_truncated();
CREATE TRIGGER belong_service_directory_truncated AFTER TRUNCATE ON belong_service FOR EACH STATEMENT EXECUTE FUNCTION belong_directory_truncated();
CREATE TRIGGER belong_translation_directory_truncated AFTER TRUNCATE ON belong_translation FOR EACH STATEMENT EXECUTE FUNCTION belong_directory_truncated();
