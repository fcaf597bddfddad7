/**
 * Migration 0030 ("unknown is a value"): data stored before it keeps every
 * value (nothing is lost or turned into "not stated"); from then on a field
 * nobody stated stays NULL; two terms of a taxonomy may share a code; and
 * fields people changed in Belong after the last import (from the audit log)
 * become theirs, so the next re-import leaves them alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabaseBefore, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

const MIGRATION = '0030_unknown_is_a_value.sql';
const ORG = '11111111-0000-4000-8000-000000000001';
const SERVICE = '11111111-0000-4000-8000-000000000002';
const OTHER = '11111111-0000-4000-8000-000000000003';
const STAFF_ORG = '11111111-0000-4000-8000-000000000004';
const ACCOUNT = '11111111-0000-4000-8000-000000000005';
const CHANGE = '11111111-0000-4000-8000-000000000006';
const LOCATION = '11111111-0000-4000-8000-000000000007';

describe(`migration 0030: unknown is a value [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabaseBefore(MIGRATION);
    // A service imported on 1 March, as the schema before 0030 stored it (every default a "fact").
    await database.exec(`
      INSERT INTO organization (id, name, description) VALUES ('${ORG}', 'Heaton Women''s Group', 'A group.');
      INSERT INTO service (id, organization_id, name) VALUES ('${SERVICE}', '${ORG}', 'Chai and chat'), ('${OTHER}', '${ORG}', 'Walk and talk');
      INSERT INTO belong_service (service_id, gender, cost_band) VALUES ('${SERVICE}', 'women_only', 'low_cost');
      INSERT INTO belong_service (service_id) VALUES ('${OTHER}');
      INSERT INTO location (id, organization_id, name) VALUES ('${LOCATION}', '${ORG}', 'Heaton Hall');
      INSERT INTO belong_import_source (source, external_id, entity, entity_id, imported_at)
        VALUES ('council', 'svc-1', 'service', '${SERVICE}', '2026-03-01T10:00:00Z');
      INSERT INTO staff_organisation (id, name, kind) VALUES ('${STAFF_ORG}', 'Heaton Women''s Group', 'provider');
      INSERT INTO staff_account (id, organisation_id, email, name, role) VALUES ('${ACCOUNT}', '${STAFF_ORG}', 'aisha@example.org', 'Aisha', 'provider_staff');
      INSERT INTO listing_change (id, service_id, requested_by, requested_at, changes, status, decided_at)
        VALUES ('${CHANGE}', '${SERVICE}', '${ACCOUNT}', '2026-03-02T09:00:00Z', '[]', 'approved', '2026-03-03T09:00:00Z');
      -- Before the import: the feed has since overwritten it.
      INSERT INTO audit_event (id, at, actor_account_id, actor_role, action, subject_type, subject_id, details)
        VALUES (gen_random_uuid(), '2026-02-20T09:00:00Z', '${ACCOUNT}', 'provider_staff', 'listing.edit', 'service', '${SERVICE}',
                '{"changedFields": ["service.description"]}');
      -- After the import: a provider's times and places, an administrator's approval, a pause from the inbox.
      INSERT INTO audit_event (id, at, actor_account_id, actor_role, action, subject_type, subject_id, details)
        VALUES (gen_random_uuid(), '2026-03-02T09:00:00Z', '${ACCOUNT}', 'provider_staff', 'listing.edit', 'service', '${SERVICE}',
                '{"changedFields": ["schedules", "belong.capacity_status", "organization.name"]}');
      INSERT INTO audit_event (id, at, actor_account_id, actor_role, action, subject_type, subject_id, details)
        VALUES (gen_random_uuid(), '2026-03-03T09:00:00Z', '${ACCOUNT}', 'administrator', 'listing.approve', 'listing_change', '${CHANGE}',
                '{"serviceId": "${SERVICE}", "fields": ["belong.safeguarding_policy", "location.${LOCATION}.confidential"]}');
      INSERT INTO audit_event (id, at, actor_account_id, actor_role, action, subject_type, subject_id, details)
        VALUES (gen_random_uuid(), '2026-03-04T09:00:00Z', '${ACCOUNT}', 'provider_staff', 'referral.pause_service', 'service', '${SERVICE}', '{}');
    `);
    await database.migrate();
  });
  after(async () => {
    await database.dispose();
  });

  it('keeps every stored value, and leaves new rows not stated', async () => {
    const rows = await database.db.selectFrom('belong_service').selectAll().orderBy('service_id').execute();
    const [chai, walk] = rows;
    assert.deepEqual(
      [chai!.gender, chai!.cost_band, chai!.entry, chai!.childcare, chai!.capacity_status, chai!.accepting_referrals, chai!.modes],
      ['women_only', 'low_cost', 'drop_in', false, 'places_available', true, ['in_person']],
    );
    assert.deepEqual([walk!.gender, walk!.entry, walk!.cost_band], ['mixed', 'drop_in', 'free']);
    assert.deepEqual([chai!.audiences, chai!.eligibility, chai!.accessibility, chai!.requirements], [[], null, {}, {}]);

    await database.exec(
      `DELETE FROM belong_service WHERE service_id = '${OTHER}'; INSERT INTO belong_service (service_id) VALUES ('${OTHER}');`,
    );
    const fresh = await database.db.selectFrom('belong_service').selectAll().where('service_id', '=', OTHER).executeTakeFirstOrThrow();
    for (const f of ['gender', 'entry', 'cost_band', 'childcare', 'capacity_status', 'accepting_referrals', 'safeguarding_policy'] as const)
      assert.equal(fresh[f], null, f);
    assert.deepEqual(fresh.modes, []);
  });

  it('lets two terms of one taxonomy share a code', async () => {
    await database.exec(`
      INSERT INTO taxonomy (id, name, description) VALUES ('22222222-0000-4000-8000-000000000001', 'Audiences', 'Who it is for');
      INSERT INTO taxonomy_term (id, code, name, description, taxonomy_id) VALUES
        ('22222222-0000-4000-8000-000000000002', 'OLD', 'Older people', '', '22222222-0000-4000-8000-000000000001'),
        ('22222222-0000-4000-8000-000000000003', 'OLD', 'Over 60s', '', '22222222-0000-4000-8000-000000000001');
    `);
    const n = await database.db.selectFrom('taxonomy_term').select('id').where('code', '=', 'OLD').execute();
    assert.equal(n.length, 2);
  });

  it('makes the fields people changed after the last import theirs', async () => {
    const rows = await database.db
      .selectFrom('belong_field_origin')
      .select(['entity_id', 'field', 'origin', 'source'])
      .orderBy('field')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.entity_id === ORG ? 'org' : 'service', r.field, r.origin, r.source]),
      [
        ['service', 'belong.accepting_referrals', 'provider', `staff:${ACCOUNT}`],
        ['service', 'belong.capacity_status', 'provider', `staff:${ACCOUNT}`],
        ['service', 'belong.safeguarding_policy', 'administrator', `staff:${ACCOUNT}`],
        ['service', 'locations', 'administrator', `staff:${ACCOUNT}`],
        ['org', 'organization.name', 'provider', `staff:${ACCOUNT}`],
        ['service', 'schedules', 'provider', `staff:${ACCOUNT}`],
      ],
    );
  });
});
