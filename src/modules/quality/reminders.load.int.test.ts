// Jobs never starve the site: while the review-reminder job reads a large
// directory, public pages keep answering. On PGlite (one connection) the
// job's pages of listings take turns with the page's queries. Asserts
// ordering and progress, never a duration.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { outboxNotifier } from '../../platform/notify/notifier.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { bulkLoadServices } from '../demo/bulk-load.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { sendReviewReminders } from './reminders.ts';

const SERVICES = Number(process.env.BELONG_LOAD_SERVICES ?? 2000);
const PAGE = SERVICES >= 20_000 ? 1000 : 10;

describe(`pages keep answering while the review-reminder job runs over ${SERVICES} listings [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: Hono;
  let serviceId: string;

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await bulkLoadServices(database.db, { services: SERVICES, today: '2025-01-15', servicesPerTransaction: 1000 });
    serviceId = (await database.db.selectFrom('service').select('id').where('status', '=', 'active').limit(1).executeTakeFirstOrThrow()).id;
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') }) as unknown as Hono;
  });
  after(async () => {
    await database.dispose();
  });

  it('answers the start page and a service page while the job is part-way through the directory', async () => {
    const events: string[] = [];
    let batches = 0;
    let firstPage!: () => void;
    const started = new Promise<void>((r) => (firstPage = r));
    const job = sendReviewReminders(database.db, outboxNotifier(), new Date('2027-06-01T09:00:00Z'), {
      pageSize: PAGE,
      onBatch: (n) => {
        batches = n;
        if (n === 1) firstPage();
      },
    }).then((run) => {
      events.push('job finished');
      return run;
    });

    await started;
    const home = await app.request('/');
    events.push(`start page ${home.status}`);
    const atHome = batches;
    const service = await app.request(`/services/${serviceId}`);
    events.push(`service page ${service.status}`);
    const atService = batches;
    const run = await job;

    assert.deepEqual(events, ['start page 200', 'service page 200', 'job finished'], 'both pages answered before the job ended');
    const total = Math.ceil(SERVICES / PAGE);
    assert.ok(atHome >= 1 && atService < total, `the job was part-way (${atHome} then ${atService} of about ${total} pages)`);
    assert.ok(batches >= total, 'and it then read the whole directory');
    assert.ok(run.staleListings > SERVICES / 2, 'most listings are past their review date by mid-2027');
  });
});
