import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { makePerson } from '../people/people.access-rows.ts';
import { accessFor } from '../referrals/referrals.test-support.ts';
import { conversationService } from './conversation.service.ts';

describe(`practical needs first, from the directory [${testEngine}]`, () => {
  let database: TestDatabase;
  let org: string;
  let connector: string;
  const ids: Record<string, string> = {};

  before(async () => {
    database = await openTestDatabase();
    org = await makeOrganisation(database.db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    connector = (await makeAccount(database.db, org, { role: 'connector', password: false })).id;
    const spoken = { interpreter_available: true };
    const saved = await saveFixtures(database.db, [
      serviceFixture('housing-advice', {
        service: { name: 'Housing advice drop-in', description: 'Advice about renting, repairs and eviction notices.' },
        belong: { support_kinds: ['advice'], ...spoken },
      }),
      serviceFixture('food-bank', {
        service: { name: 'Community food bank', description: 'Food parcels and a warm drink.' },
        belong: { support_kinds: ['advice'], ...spoken },
      }),
      serviceFixture('paid-advice', {
        service: { name: 'Housing solicitor', description: 'Housing law.' },
        belong: { support_kinds: ['advice'], cost_band: 'paid', ...spoken },
      }),
      serviceFixture('tea', { service: { name: 'Tea and chat' }, belong: { support_kinds: ['intercultural'], ...spoken } }),
    ]);
    for (const g of saved) ids[g.service.name] = g.service.id;
  });
  after(() => database.dispose());

  it('suggests advice for each urgent need before any activity, keeps the person’s rules, and carries the choice into the plan', async () => {
    const { person, conversation } = await makePerson(database.db, org, { finished: true });
    await database.db
      .updateTable('conversation')
      .set({
        answers: JSON.stringify({
          practical: { needs: ['housing', 'food', 'immigration'] },
          cost: { limit: 'free' },
          modes: { modes: ['in_person'] },
          safety: { answer: 'no_need' },
        }),
      })
      .where('id', '=', conversation!)
      .execute();
    const svc = conversationService(await accessFor(database.db, connector));
    const { practical, result } = await svc.suggest(person);
    assert.deepEqual(
      practical.map((p) => [p.need, p.suggestions.map((s) => s.name)]),
      [
        ['housing', ['Housing advice drop-in']],
        ['food', ['Community food bank']],
        ['immigration', []],
      ],
      'the paid solicitor breaks the person’s cost rule; nothing fits immigration',
    );
    assert.ok(
      result.suggestions.some((s) => s.name === 'Tea and chat'),
      'activities still suggested, after',
    );
    assert.ok(!result.suggestions.some((s) => s.name === 'Housing advice drop-in'), 'nothing offered twice');

    await svc.choose(person, conversation!, [ids['Housing advice drop-in']!, ids['Tea and chat']!], {
      noteForPerson: null,
      staffNotes: null,
    });
    const row = await database.db.selectFrom('conversation').select('chosen').where('id', '=', conversation!).executeTakeFirstOrThrow();
    const chosen = (typeof row.chosen === 'string' ? JSON.parse(row.chosen) : row.chosen) as { name: string; practicalNeed?: string }[];
    assert.deepEqual(
      chosen.map((c) => [c.name, c.practicalNeed ?? null]),
      [
        ['Housing advice drop-in', 'housing'],
        ['Tea and chat', null],
      ],
    );
  });
});
