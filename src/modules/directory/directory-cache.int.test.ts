// Values computed once and kept until the directory changes (directory-cache.ts,
// migration 0111): the change counter moves once per committed change, and the
// start page and the language filter show a change made outside the app at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, runElsewhere, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { directoryLanguages } from '../find/find.repository.ts';
import { cachedWhileDirectoryUnchanged, directoryVersion, keptWhileDirectoryUnchanged, oneDirectoryVersion } from './directory-cache.ts';

describe(`values kept until the directory changes [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let org: string;

  before(async () => {
    database = await openTestDatabase();
    org = newId();
    await database.db.insertInto('organization').values({ id: org, name: 'Test group' }).execute();
    const service = newId();
    await database.db.insertInto('service').values({ id: service, organization_id: org, name: 'Tea and chat' }).execute();
    await database.db.insertInto('language').values({ id: newId(), service_id: service, code: 'ur' }).execute();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  });
  after(async () => {
    await database.dispose();
  });

  it('moves the version once per committed change, not for a rolled-back one or a read', async () => {
    const v0 = Number(await directoryVersion(database.db));
    await database.db.transaction().execute(async (trx) => {
      for (const name of ['One', 'Two', 'Three'])
        await trx.insertInto('service').values({ id: newId(), organization_id: org, name }).execute();
      await trx.updateTable('service').set({ description: 'changed' }).where('organization_id', '=', org).execute();
    });
    const v1 = Number(await directoryVersion(database.db));
    assert.equal(v1, v0 + 1, 'one transaction, one step');
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('service').values({ id: newId(), organization_id: org, name: 'Never' }).execute();
        throw new Error('roll back');
      }),
    );
    await database.db.selectFrom('service').selectAll().execute();
    assert.equal(Number(await directoryVersion(database.db)), v1);
    await database.db.deleteFrom('service').where('name', 'in', ['One', 'Two', 'Three']).execute();
    assert.equal(Number(await directoryVersion(database.db)), v1 + 1);
  });

  it('computes once while nothing changes, again after a change, and always inside a transaction', async () => {
    let runs = 0;
    const count = cachedWhileDirectoryUnchanged(async (db) => {
      runs++;
      return (
        await db
          .selectFrom('service')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    });
    const [a, b] = await Promise.all([count(database.db), count(database.db)]);
    assert.equal(Number(a), Number(b));
    await count(database.db);
    assert.equal(runs, 1, 'computed once for three asks');
    await runElsewhere(database, `insert into service (id, organization_id, name) values ('${newId()}', '${org}', 'Choir')`);
    assert.equal(Number(await count(database.db)), Number(a) + 1, 'a change made elsewhere shows at once');
    assert.equal(runs, 2);
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('service').values({ id: newId(), organization_id: org, name: 'Walk' }).execute();
      assert.equal(Number(await count(trx)), Number(a) + 2, 'a transaction sees its own change');
    });
    assert.equal(runs, 3);
  });

  it('keeps a value in the database for a process that starts later, until the directory changes', async () => {
    let runs = 0;
    const countServices = async (db: typeof database.db) => {
      runs++;
      const r = await db
        .selectFrom('service')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { services: Number(r.n) };
    };
    // Each call of keptWhileDirectoryUnchanged stands for a new process: nothing computed in its memory yet.
    const first = await keptWhileDirectoryUnchanged('test.count', countServices)(database.db);
    assert.equal(runs, 1);
    const stored = await database.db
      .selectFrom('belong_directory_summary')
      .selectAll()
      .where('name', '=', 'test.count')
      .executeTakeFirstOrThrow();
    assert.equal(String(stored.version), await directoryVersion(database.db));
    assert.deepEqual(await keptWhileDirectoryUnchanged('test.count', countServices)(database.db), first, 'read back, not counted');
    assert.equal(runs, 1);
    assert.equal(Number(await directoryVersion(database.db)), Number(stored.version), 'keeping it is not a change');

    await runElsewhere(database, `insert into service (id, organization_id, name) values ('${newId()}', '${org}', 'Allotment')`);
    const later = keptWhileDirectoryUnchanged('test.count', countServices);
    assert.deepEqual(await later(database.db), { services: first.services + 1 }, 'counted again after a change');
    assert.equal(runs, 2);
    assert.deepEqual(await keptWhileDirectoryUnchanged('test.count', countServices)(database.db), { services: first.services + 1 });
    assert.equal(runs, 2);
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('service').values({ id: newId(), organization_id: org, name: 'Garden' }).execute();
      assert.deepEqual(await later(trx), { services: first.services + 2 }, 'a transaction computes');
    });
  });

  it('shows a new service on the start page and a new language in the filter, on the next request', async () => {
    const figures = async () => (await app.request('/')).text();
    const before = /(\d+) activities and services are listed/.exec(await figures())?.[1];
    assert.ok(before);
    const filter = async () =>
      (await (await app.request('/find?q=tea')).text()).match(/<select id="lang" name="speaks">[\s\S]*?<\/select>/)?.[0] ?? '';
    assert.match(await filter(), /value="ur"/);
    assert.doesNotMatch(await filter(), /value="so"/);

    const id = newId();
    await runElsewhere(database, `insert into service (id, organization_id, name) values ('${id}', '${org}', 'Somali women''s group')`);
    await runElsewhere(database, `insert into language (id, service_id, code) values ('${newId()}', '${id}', 'so')`);
    assert.match(await figures(), new RegExp(`${Number(before) + 1} activities and services are listed`));
    assert.match(await filter(), /value="so"/);

    await runElsewhere(database, `update service set status = 'inactive' where id = '${id}'`);
    assert.match(await figures(), new RegExp(`${Number(before)} activities and services are listed`));
    assert.doesNotMatch(await filter(), /value="so"/, 'a language only an archived service spoke is gone');
  });

  it("keeps the language filter's list in the database, so a process that starts later reads it instead of counting", async () => {
    await app.request('/find?q=tea');
    const kept = await database.db
      .selectFrom('belong_directory_summary')
      .selectAll()
      .where('name', '=', 'find.languages')
      .executeTakeFirstOrThrow();
    assert.equal(String(kept.version), await directoryVersion(database.db), 'kept at the version it was counted at');
    assert.deepEqual(kept.value, await directoryLanguages(database.db), 'the same list as counted now');
    assert.ok((kept.value as string[]).includes('ur'));
    // A process that starts now finds it: its language filter shows what was kept (changed here only, to tell the two apart).
    await database.db
      .updateTable('belong_directory_summary')
      .set({ value: JSON.stringify(['ur', 'cy']) })
      .where('name', '=', 'find.languages')
      .execute();
    // Another handle on the database has nothing in memory yet, as in another process.
    const later = createApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      database: { ...database, db: database.db.withoutPlugins() },
      log: createLogger('silent'),
    });
    const filter =
      (await (await later.request('/find?q=tea')).text()).match(/<select id="lang" name="speaks">[\s\S]*?<\/select>/)?.[0] ?? '';
    assert.match(filter, /value="cy"/);
  });

  it('reads the version once for a whole page, and afresh for each page', async () => {
    let reads = 0;
    const counted = database.db.withPlugin({
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes('"belong_directory_version"')) reads++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const counting = createApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      database: { ...database, db: counted },
      log: createLogger('silent'),
    });
    const page = await counting.request('/find?q=tea');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Tea and chat/);
    assert.equal(reads, 1, 'the page cache, the language filter and the records share one read');
    await runElsewhere(database, `update service set name = 'Tea and a chat' where name = 'Tea and chat'`);
    const next = await counting.request('/find?q=tea');
    assert.match(await next.text(), /Tea and a chat/, 'the next page sees the change');
    assert.equal(reads, 2);
    assert.equal(await oneDirectoryVersion(counted, () => directoryVersion(counted)), String(await directoryVersion(database.db)));
  });
});
