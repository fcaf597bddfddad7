// Public pages are kept whole while the directory's change counter stands
// (platform/http/page-cache.ts), so every table they read must move it
// (migrations 0111 and 0260), and a change made outside this process shows
// on the next request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, runElsewhere, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { PUBLIC_TABLES } from '../../platform/db/public-tables.ts';
import { directoryVersion } from './directory-cache.ts';

describe(`every directory table moves the change counter [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let service: string;
  let phone: string;

  before(async () => {
    database = await openTestDatabase();
    const org = newId();
    service = newId();
    phone = newId();
    await database.db.insertInto('organization').values({ id: org, name: 'Test group' }).execute();
    await database.db.insertInto('service').values({ id: service, organization_id: org, name: 'Tea and chat', status: 'active' }).execute();
    await database.db.insertInto('phone').values({ id: phone, service_id: service, number: '01274 000111' }).execute();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  });
  after(async () => {
    await database.dispose();
  });

  it('has the change trigger on every table a public page reads', async () => {
    const rows = await sql<{ table: string }>`
      select distinct c.relname as table from pg_trigger t
        join pg_class c on c.oid = t.tgrelid
        join pg_proc p on p.oid = t.tgfoid
      where p.proname = 'belong_directory_changed'`.execute(database.db);
    const covered = new Set(rows.rows.map((r) => r.table));
    assert.deepEqual(
      PUBLIC_TABLES.filter((t) => !covered.has(t)),
      [],
    );
  });

  it('does not move for compiled schedule rules, which readers may write', async () => {
    const rows = await sql<{ n: number }>`
      select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relname = 'belong_schedule_rule' and not t.tgisinternal`.execute(database.db);
    assert.equal(rows.rows[0]!.n, 0);
  });

  it('shows a phone number changed outside the app on the next request of a kept page', async () => {
    const headers = { cookie: 'lang=en' };
    const first = await (await app.request(`/services/${service}`, { headers })).text();
    assert.match(first, /01274 000111/);
    const v = Number(await directoryVersion(database.db));
    await runElsewhere(database, `update phone set number = '01274 999888' where id = '${phone}'`);
    assert.equal(Number(await directoryVersion(database.db)), v + 1);
    const next = await (await app.request(`/services/${service}`, { headers })).text();
    assert.match(next, /01274 999888/);
    assert.doesNotMatch(next, /01274 000111/);
  });
});
