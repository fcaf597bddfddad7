/**
 * Matching rules, table-driven with realistic people against a small
 * hand-made directory: who is offered what, who is not, and why.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MatchCandidate } from './match-candidate.ts';
import { rankCandidates, type Reason } from './match-rank.ts';
import type { MatchRequest } from './match-request.ts';
import { brokenRules, type HardRule } from './match-rules.ts';
import { candidate, north, person, TODAY, VETTED } from './match.test-support.ts';

interface Persona {
  who: string;
  request: MatchRequest;
  directory: MatchCandidate[];
  /** Suggested, with exactly these reasons (in order). */
  offered: { name: string; reasons: Reason[] }[];
  /** Not suggested, because of this rule (among others it may break). */
  refused: { name: string; rule: HardRule }[];
}

const tuesdayMorning = { day: 'TU' as const, opensAt: '10:00:00', closesAt: '12:00:00' };

const PERSONAS: Persona[] = [
  {
    who: 'a young mother who speaks only Bengali and cannot travel far',
    request: person({
      gender: 'woman',
      ageBand: '25_49',
      languages: ['bn'],
      englishOk: false,
      costLimit: 'free',
      modes: ['in_person'],
      maxDistanceMetres: 1200,
      needsChildcare: true,
      interests: ['skills'],
    }),
    directory: [
      candidate('Bengali women’s sewing circle', {
        gender: 'women_only',
        languages: ['bn', 'en'],
        childcare: true,
        supportKinds: ['skills'],
        points: [north(700)],
        sessions: [tuesdayMorning],
      }),
      candidate('English conversation café', { languages: ['en'], points: [north(200)] }),
      candidate('Ladies’ swimming', { gender: 'women_only', languages: ['bn'], costBand: 'paid' }),
      candidate('Bengali cooking club', { languages: ['bn'], points: [north(5000)] }),
      candidate('Mothers’ coffee morning', { gender: 'women_only', languages: ['bn'], capacityStatus: 'full' }),
      candidate('Sylheti family stay and play', { languages: ['bn'], capacityStatus: 'waiting_list', points: [north(400)] }),
    ],
    offered: [
      {
        name: 'Bengali women’s sewing circle',
        reasons: [
          { code: 'speaks', params: { language: 'bn' } },
          { code: 'womenOnly' },
          { code: 'free' },
          { code: 'kind', params: { kind: 'skills' } },
          { code: 'creche' },
          { code: 'walk', params: { minutes: 10 } },
          { code: 'when', params: { day: 'TU', part: 'morning' } },
        ],
      },
      {
        name: 'Sylheti family stay and play',
        reasons: [
          { code: 'speaks', params: { language: 'bn' } },
          { code: 'free' },
          { code: 'walk', params: { minutes: 5 } },
          { code: 'timesToArrange' },
          { code: 'waitingList' },
        ],
      },
    ],
    refused: [
      { name: 'English conversation café', rule: 'language' },
      { name: 'Ladies’ swimming', rule: 'cost' },
      { name: 'Bengali cooking club', rule: 'distance' },
      { name: 'Mothers’ coffee morning', rule: 'capacity' },
    ],
  },
  {
    who: 'an older Somali man who will not join a "support group"',
    request: person({
      gender: 'man',
      ageBand: '65_plus',
      languages: ['so'],
      englishOk: false,
      avoidKinds: ['peer_support', 'therapy'],
      interests: ['gardening'],
      prefersDropIn: true,
      wants: ['shared_identity'],
    }),
    directory: [
      candidate('Men’s allotment', {
        gender: 'men_only',
        languages: ['so', 'en'],
        supportKinds: ['gardening'],
        entry: 'drop_in',
        sessions: [{ day: 'SA', opensAt: '09:00:00', closesAt: '13:00:00' }],
      }),
      candidate('Somali elders’ support group', { languages: ['so'], supportKinds: ['peer_support'] }),
      candidate('Youth football', { languages: ['so'], maximumAge: 25, supportKinds: ['sport'] }),
      candidate('Women’s garden', { gender: 'women_only', languages: ['so'], supportKinds: ['gardening'] }),
      candidate('Community library', { languages: [] }),
    ],
    offered: [
      {
        name: 'Men’s allotment',
        reasons: [
          { code: 'speaks', params: { language: 'so' } },
          { code: 'menOnly' },
          { code: 'free' },
          { code: 'kind', params: { kind: 'gardening' } },
          { code: 'dropIn' },
          { code: 'walk', params: { minutes: 5 } },
          { code: 'when', params: { day: 'SA', part: 'morning' } },
        ],
      },
    ],
    refused: [
      { name: 'Somali elders’ support group', rule: 'avoided' },
      { name: 'Youth football', rule: 'age' },
      { name: 'Women’s garden', rule: 'gender' },
      { name: 'Community library', rule: 'language' },
    ],
  },
  {
    who: 'an asylum seeker with trauma and no money, who needs a Tigrinya interpreter',
    request: person({
      languages: ['ti'],
      englishOk: false,
      interpreterNeeded: true,
      complexNeeds: true,
      costLimit: 'free',
      wants: ['one_to_one'],
    }),
    directory: [
      candidate('Refugee welcome befriending', {
        safeguarding: VETTED,
        interpreterAvailable: true,
        supportKinds: ['befriending'],
        entry: 'self_referral',
      }),
      candidate('Drop-in chat café', { interpreterAvailable: true }),
      candidate('Counselling for survivors', {
        safeguarding: VETTED,
        interpreterAvailable: true,
        costBand: 'low_cost',
        supportKinds: ['therapy'],
      }),
      candidate('Women’s circle', { safeguarding: VETTED, interpreterAvailable: true, gender: 'women_only' }),
      candidate('Eritrean community lunch', { safeguarding: { ...VETTED, safeguarding_review_date: '2024-01-01' }, languages: ['ti'] }),
      candidate('Old safe space', { safeguarding: VETTED, languages: ['ti'], status: 'defunct' }),
    ],
    offered: [
      {
        name: 'Refugee welcome befriending',
        reasons: [
          { code: 'interpreter' },
          { code: 'free' },
          { code: 'vetted' },
          { code: 'walk', params: { minutes: 5 } },
          { code: 'timesToArrange' },
        ],
      },
    ],
    refused: [
      { name: 'Drop-in chat café', rule: 'safeguarding' },
      { name: 'Counselling for survivors', rule: 'cost' },
      { name: 'Women’s circle', rule: 'gender' },
      { name: 'Eritrean community lunch', rule: 'safeguarding' },
      { name: 'Old safe space', rule: 'status' },
    ],
  },
  {
    who: 'a Polish widow with hearing loss who fears buses',
    request: person({
      gender: 'woman',
      ageBand: '65_plus',
      languages: ['pl', 'en'],
      englishOk: true,
      modes: ['in_person', 'online'],
      maxDistanceMetres: 800,
      needsAccompaniment: true,
      interests: ['arts'],
    }),
    directory: [
      candidate('Polish Saturday club', {
        languages: ['pl'],
        points: [north(500)],
        accompanyFirstVisit: true,
        sessions: [{ day: 'SA', opensAt: '14:00:00', closesAt: '16:00:00' }],
      }),
      candidate('Telephone befriending', { modes: ['phone'], supportKinds: ['befriending'] }),
      candidate('Coffee morning across town', { points: [north(3000)] }),
      candidate('Online craft group', { modes: ['online'], languages: ['en'], supportKinds: ['arts'], points: [], costBand: 'low_cost' }),
    ],
    offered: [
      {
        name: 'Online craft group',
        reasons: [{ code: 'lowCost' }, { code: 'kind', params: { kind: 'arts' } }, { code: 'online' }, { code: 'timesToArrange' }],
      },
      {
        name: 'Polish Saturday club',
        reasons: [
          { code: 'speaks', params: { language: 'pl' } },
          { code: 'free' },
          { code: 'goWith' },
          { code: 'walk', params: { minutes: 10 } },
          { code: 'when', params: { day: 'SA', part: 'afternoon' } },
        ],
      },
    ],
    refused: [
      { name: 'Telephone befriending', rule: 'mode' },
      { name: 'Coffee morning across town', rule: 'distance' },
    ],
  },
  {
    who: 'a man who did not give his gender',
    request: person({ gender: null }),
    directory: [
      candidate('Men’s shed', { gender: 'men_only' }),
      candidate('Women’s walk', { gender: 'women_only' }),
      candidate('Everyone’s choir', { supportKinds: ['arts'] }),
    ],
    offered: [
      { name: 'Everyone’s choir', reasons: [{ code: 'free' }, { code: 'walk', params: { minutes: 5 } }, { code: 'timesToArrange' }] },
    ],
    refused: [
      { name: 'Men’s shed', rule: 'gender' },
      { name: 'Women’s walk', rule: 'gender' },
    ],
  },
  {
    who: 'someone whose only free time is Saturday',
    request: person({ unavailable: (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((day) => ({ day })).concat([{ day: 'SU' as never }]) }),
    directory: [
      candidate('Tuesday knit and natter', { sessions: [tuesdayMorning] }),
      candidate('Weekend walk', { sessions: [{ day: 'SA', opensAt: '10:00:00', closesAt: '12:00:00' }], supportKinds: ['sport'] }),
      candidate('Twice-weekly chess', {
        sessions: [tuesdayMorning, { day: 'SA', opensAt: '18:00:00', closesAt: '20:00:00' }],
        supportKinds: ['skills'],
      }),
      candidate('Monthly supper on the 1st', { sessions: [{ day: null, opensAt: '18:00:00', closesAt: '20:00:00' }] }),
      candidate('Befriending, times agreed with you', { sessions: [], supportKinds: ['befriending'] }),
    ],
    offered: [
      {
        name: 'Befriending, times agreed with you',
        reasons: [{ code: 'free' }, { code: 'walk', params: { minutes: 5 } }, { code: 'timesToArrange' }],
      },
      {
        name: 'Monthly supper on the 1st',
        reasons: [{ code: 'free' }, { code: 'walk', params: { minutes: 5 } }, { code: 'when', params: { day: 'any', part: 'evening' } }],
      },
      {
        name: 'Twice-weekly chess',
        reasons: [{ code: 'free' }, { code: 'walk', params: { minutes: 5 } }, { code: 'when', params: { day: 'SA', part: 'evening' } }],
      },
      {
        name: 'Weekend walk',
        reasons: [{ code: 'free' }, { code: 'walk', params: { minutes: 5 } }, { code: 'when', params: { day: 'SA', part: 'morning' } }],
      },
    ],
    refused: [{ name: 'Tuesday knit and natter', rule: 'times' }],
  },
];

describe('matching: realistic people against a small directory', () => {
  for (const p of PERSONAS) {
    it(p.who, () => {
      const result = rankCandidates(p.request, p.directory, { today: TODAY, limit: 10 });
      const names = result.suggestions.map((s) => s.name);
      for (const want of p.offered) {
        const s = result.suggestions.find((x) => x.name === want.name);
        assert.ok(s, `${want.name} should be offered; got ${names.join(', ') || 'nothing'}`);
        assert.deepEqual(s.reasons, want.reasons, want.name);
        assert.equal(
          s.waitingList,
          want.reasons.some((r) => r.code === 'waitingList'),
        );
      }
      assert.equal(result.suggestions.length, p.offered.length, `offered exactly: ${names.join(', ')}`);
      for (const no of p.refused) {
        assert.ok(!names.includes(no.name), `${no.name} must not be offered`);
        const c = p.directory.find((x) => x.name === no.name)!;
        assert.ok(
          brokenRules(p.request, c, TODAY).includes(no.rule),
          `${no.name} breaks ${no.rule}: ${brokenRules(p.request, c, TODAY).join(', ')}`,
        );
        assert.ok(result.ruledOut[no.rule] > 0, `ruledOut counts ${no.rule}`);
      }
    });
  }

  it('the Bengali mother is offered the sewing circle first (nearer things of no interest come after)', () => {
    const p = PERSONAS[0]!;
    const result = rankCandidates(p.request, p.directory, { today: TODAY });
    assert.equal(result.suggestions[0]!.name, 'Bengali women’s sewing circle');
  });

  it('the widow is offered her walkable Polish club first; with English first and no need of company, the arts group she asked for leads', () => {
    const p = PERSONAS[3]!;
    const ranked = rankCandidates(p.request, p.directory, { today: TODAY }).suggestions.map((s) => s.name);
    assert.deepEqual(ranked, ['Polish Saturday club', 'Online craft group']);
    const other = rankCandidates({ ...p.request, languages: ['en', 'pl'], needsAccompaniment: false }, p.directory, { today: TODAY });
    assert.deepEqual(
      other.suggestions.map((s) => s.name),
      ['Online craft group', 'Polish Saturday club'],
    );
  });
});

describe('matching: variety and limits', () => {
  const many = [
    ...Array.from({ length: 6 }, (_, i) => candidate(`Befriending ${i}`, { supportKinds: ['befriending'], points: [north(100 + i * 10)] })),
    ...Array.from({ length: 4 }, (_, i) =>
      candidate(`Club ${i}`, {
        supportKinds: [(['arts', 'sport', 'gardening', 'skills'] as const)[i]!],
        organizationId: 'same-org',
        points: [north(500 + i * 10)],
      }),
    ),
    candidate('Far arts', { supportKinds: ['arts'], points: [north(900)] }),
  ];

  it('never gives five of the same kind: at most two per kind and two per organisation', () => {
    const r = rankCandidates(person({}), many, { today: TODAY, limit: 10 });
    const kinds = r.suggestions.map((s) => many.find((c) => c.serviceId === s.serviceId)!.supportKinds[0]);
    assert.equal(kinds.filter((k) => k === 'befriending').length, 2);
    const fromSameOrg = r.suggestions.filter((s) => many.find((c) => c.serviceId === s.serviceId)!.organizationId === 'same-org');
    assert.equal(fromSameOrg.length, 2);
    assert.ok(
      r.suggestions.some((s) => s.name === 'Far arts'),
      'a further service of another kind is offered instead of a third befriending',
    );
  });

  it('respects the limit and never pads when nothing fits', () => {
    assert.equal(rankCandidates(person({}), many, { today: TODAY, limit: 3 }).suggestions.length, 3);
    const none = rankCandidates(person({ costLimit: 'free' }), [candidate('Paid yoga', { costBand: 'paid' })], { today: TODAY });
    assert.deepEqual(none.suggestions, []);
    assert.equal(none.ruledOut.cost, 1);
  });

  it('lists a service once even when it is a candidate twice', () => {
    const c = candidate('Twice');
    const r = rankCandidates(person({}), [c, c], { today: TODAY });
    assert.equal(r.suggestions.length, 1);
    assert.equal(r.examined, 1);
  });
});
