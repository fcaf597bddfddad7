// Conditional GET on public pages and the open-data API: the same page again
// is a 304 without a body; a change to the directory gives a new ETag.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { newId } from '../ids.ts';
import { createLogger } from '../log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

describe(`conditional GET on public pages [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let service: string;
  let org: string;
  before(async () => {
    database = await openTestDatabase();
    org = newId();
    service = newId();
    await database.db.insertInto('organization').values({ id: org, name: 'Test group' }).execute();
    await database.db.insertInto('service').values({ id: service, organization_id: org, name: 'Tea and chat' }).execute();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  });
  after(async () => {
    await database.dispose();
  });

  for (const path of ['/', '/find?q=tea', '/services/:id', '/oruk/services?search=tea']) {
    it(`answers ${path} again with 304 when unchanged, and 200 with a new ETag after a change`, async () => {
      const url = path.replace(':id', () => service);
      const headers = { cookie: 'lang=en', 'accept-encoding': 'gzip' };
      const first = await app.request(url, { headers });
      assert.equal(first.status, 200);
      const tag = first.headers.get('etag');
      assert.ok(tag?.startsWith('W/"'), `weak ETag: ${tag}`);
      const again = await app.request(url, { headers: { ...headers, 'if-none-match': tag! } });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), tag);

      // A new listing (the start page counts it) and a new name for this one.
      await database.db.insertInto('service').values({ id: newId(), organization_id: org, name: 'Tea and talk' }).execute();
      await database.db
        .updateTable('service')
        .set({ name: `Tea and chat ${newId().slice(0, 4)}` })
        .where('id', '=', service)
        .execute();
      const changed = await app.request(url, { headers: { ...headers, 'if-none-match': tag! } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), tag);
    });
  }
});
