/**
 * Matching through the database (both engines): the SQL prefilter, the
 * candidates' details and the pure rules together. A realistic person, the
 * no-fit case, and a property run on random directories: no suggestion
 * breaks a hard rule, and something is suggested exactly when something fits.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { uuidV5 } from '../../platform/ids.ts';
import { candidateArb, independentlyBroken, requestArb } from './match.arbitraries.ts';
import { primaryKind } from './match-rank.ts';
import { assertVarietyKeepsBetterFits } from './match-variety.test-support.ts';
import { matchServices } from './match.service.ts';
import { saveCandidates } from './match.test-graphs.ts';
import { candidate, north, person, TODAY } from './match.test-support.ts';

const now = new Date(`${TODAY}T12:00:00Z`);
let database: TestDatabase;
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.dispose();
});

describe('matchServices on the database', () => {
  it('never offers a man a women-only group, and never takes an unknown cost for free', async () => {
    const women = Array.from({ length: 26 }, (_, i) =>
      candidate(`Women-only group ${i + 1}`, { gender: 'women_only', points: [north(200 + i * 20)], supportKinds: ['arts'] }),
    );
    const unknown = candidate('Group whose source did not say', { gender: null, costBand: null, points: [north(150)] });
    const own = await openTestDatabase();
    try {
      await saveCandidates(own.db, [...women, unknown]);
      await check(own);
    } finally {
      await own.dispose();
    }
  });
  async function check(own: TestDatabase) {
    const forHim = await matchServices(own.db, person({ gender: 'man' }), { limit: 20, now });
    assert.deepEqual(
      forHim.suggestions.map((s) => s.name),
      ['Group whose source did not say'],
      'not one of the 26 women-only groups; the one that does not say is not ruled out on a guess',
    );
    const free = await matchServices(own.db, person({ gender: 'woman', costLimit: 'free' }), { limit: 20, now });
    assert.ok(!free.suggestions.some((s) => s.name === 'Group whose source did not say'), 'an unknown cost is not free');
    assert.ok(free.suggestions.length > 0);
  }

  it('offers the young Bengali mother the women-only sewing circle with a crèche, and explains why', async () => {
    const directory = [
      candidate('Bengali women’s sewing circle', {
        gender: 'women_only',
        languages: ['bn', 'en'],
        childcare: true,
        supportKinds: ['skills'],
        points: [north(700)],
        sessions: [{ day: 'TU', opensAt: '10:00:00', closesAt: '12:00:00' }],
      }),
      candidate('English conversation café', { languages: ['en'], points: [north(200)] }),
      candidate('Ladies’ swimming', { gender: 'women_only', languages: ['bn'], costBand: 'paid' }),
      candidate('Bengali cooking club', { languages: ['bn'], points: [north(5000)] }),
      candidate('Mothers’ coffee morning', { gender: 'women_only', languages: ['bn'], capacityStatus: 'full' }),
    ];
    await saveCandidates(database.db, directory);
    const request = person({
      gender: 'woman',
      languages: ['bn'],
      englishOk: false,
      costLimit: 'free',
      modes: ['in_person'],
      maxDistanceMetres: 1200,
      needsChildcare: true,
      interests: ['skills'],
    });
    const result = await matchServices(database.db, request, { now });
    assert.equal(result.unmet, false);
    assert.deepEqual(
      result.suggestions.map((s) => s.name),
      ['Bengali women’s sewing circle'],
    );
    assert.deepEqual(
      result.suggestions[0]!.reasons.map((r) => r.code),
      ['speaks', 'womenOnly', 'free', 'kind', 'creche', 'walk', 'when'],
    );
    assert.ok(Math.abs(result.suggestions[0]!.distanceMetres! - 700) < 5);
  });

  it('says nothing fits rather than padding, and counts what ruled services out', async () => {
    const request = person({
      gender: 'woman',
      languages: ['ti'],
      englishOk: false,
      costLimit: 'free',
      modes: ['in_person'],
      maxDistanceMetres: 1200,
      complexNeeds: true,
    });
    const result = await matchServices(database.db, request, { now });
    assert.equal(result.unmet, true);
    assert.deepEqual(result.suggestions, []);
    assert.ok(result.ruledOut.language >= 4, `language ${result.ruledOut.language}`);
    assert.ok(result.ruledOut.safeguarding >= 4);
    assert.ok(result.ruledOut.cost >= 1);
  });
});

describe('matching property on random directories', () => {
  let fresh: TestDatabase;
  const ids = Array.from({ length: 45 }, (_, i) => uuidV5(`match-int:${i}`));
  const directory = fc
    .sample(candidateArb(['x']), { seed: 20260310, numRuns: ids.length })
    .map((c, i) => ({ ...c, serviceId: ids[i]!, name: `${c.name} ${i}` }));
  before(async () => {
    fresh = await openTestDatabase();
    await saveCandidates(fresh.db, directory);
  });
  after(async () => {
    await fresh.dispose();
  });

  it('no suggestion breaks a hard rule; no duplicates; limit and variety kept; something is offered exactly when something fits', async () => {
    const byId = new Map(directory.map((c) => [c.serviceId, c]));
    const requests = fc.sample(fc.tuple(requestArb, fc.integer({ min: 1, max: 8 })), { seed: 42, numRuns: 60 });
    let offered = 0;
    for (const [request, limit] of requests) {
      const result = await matchServices(fresh.db, request, { now, limit });
      const got = result.suggestions.map((s) => s.serviceId);
      assert.equal(new Set(got).size, got.length);
      assert.ok(got.length <= limit);
      const kinds = new Map<string, number>();
      const orgs = new Map<string, number>();
      for (const id of got) {
        const c = byId.get(id)!;
        assert.deepEqual(independentlyBroken(request, c, TODAY), [], `${c.name} for ${JSON.stringify(request)}`);
        kinds.set(primaryKind(request, c), (kinds.get(primaryKind(request, c)) ?? 0) + 1);
        orgs.set(c.organizationId, (orgs.get(c.organizationId) ?? 0) + 1);
      }
      assertVarietyKeepsBetterFits(request, directory, result.suggestions, kinds, orgs);
      const fits = directory.filter((c) => independentlyBroken(request, c, TODAY).length === 0);
      assert.equal(got.length > 0, fits.length > 0, `fits: ${fits.map((c) => c.name).join(', ')} for ${JSON.stringify(request)}`);
      assert.equal(result.unmet, fits.length === 0);
      if (got.length) offered++;
    }
    assert.ok(offered >= 15, `only ${offered} of ${requests.length} requests had suggestions`);
  });
});
