/**
 * One test per situation the matching issue lists: invented people and
 * directories, each with the right answer and the traps around it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MatchCandidate } from './match-candidate.ts';
import { readServiceArea } from './match-eligibility.ts';
import { rankCandidates } from './match-rank.ts';
import type { MatchRequest } from './match-request.ts';
import { candidate, north, person, TODAY } from './match.test-support.ts';

const names = (r: MatchRequest, directory: MatchCandidate[], limit = 10) =>
  rankCandidates(r, directory, { today: TODAY, limit }).suggestions.map((s) => s.name);

describe('matching: the situations behind the issue', () => {
  it('a mother who needs women-only with a crèche, walking distance unless transport is offered', () => {
    const directory = [
      candidate('Far women’s group with a minibus', {
        gender: 'women_only',
        childcare: true,
        transportOffered: true,
        points: [north(4000)],
      }),
      candidate('Near mixed group with a crèche', { gender: 'mixed', childcare: true, points: [north(300)] }),
      candidate('Near women’s group, no crèche', { gender: 'women_only', childcare: false, points: [north(300)] }),
      candidate('Near women’s group, crèche not stated', { gender: 'women_only', childcare: null, points: [north(400)] }),
      candidate('Far women’s group with a crèche, no transport', { gender: 'women_only', childcare: true, points: [north(4000)] }),
    ];
    const mother = person({
      gender: 'woman',
      preferences: [
        { kind: 'gender_setting', value: 'women_only', must: true },
        { kind: 'creche', must: true },
        { kind: 'distance', metres: 800, unlessHelped: true, must: true },
      ],
    });
    const result = rankCandidates(mother, directory, { today: TODAY });
    assert.deepEqual(
      result.suggestions.map((s) => s.name),
      ['Far women’s group with a minibus'],
    );
    assert.deepEqual(
      result.suggestions[0]!.reasons.slice(0, 3).map((r) => r.code),
      ['asked', 'asked', 'asked'],
      'each must is said as asked for',
    );
  });

  it('a carer free only on weekday mornings, 9 to 12', () => {
    const weekdays = (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((day) => ({ day, from: '09:00', to: '12:00' }));
    const directory = [
      candidate('Wednesday coffee morning', { sessions: [{ day: 'WE', opensAt: '09:30:00', closesAt: '11:30:00' }] }),
      candidate('Times not published', { sessions: [], supportKinds: ['arts'] }),
      candidate('Wednesday afternoon tea', {
        supportKinds: ['sport'],
        sessions: [{ day: 'WE', opensAt: '13:00:00', closesAt: '15:00:00' }],
      }),
      candidate('Saturday morning walk', { sessions: [{ day: 'SA', opensAt: '10:00:00', closesAt: '12:00:00' }] }),
      candidate('First of the month', { sessions: [{ day: null, opensAt: '10:00:00', closesAt: '11:00:00' }] }),
    ];
    assert.deepEqual(names(person({ preferences: [{ kind: 'times', windows: weekdays, must: true }] }), directory), [
      'Wednesday coffee morning',
    ]);
    // As a nice-to-have, unknown times are never ranked as if they met the window, and say "ask first".
    const nice = rankCandidates(person({ preferences: [{ kind: 'times', windows: weekdays, must: false }] }), directory, {
      today: TODAY,
      limit: 10,
    }).suggestions;
    assert.equal(nice[0]!.name, 'Wednesday coffee morning');
    const unknown = nice.find((s) => s.name === 'Times not published')!;
    assert.ok(unknown.score < nice[0]!.score);
    assert.ok(unknown.reasons.some((r) => r.code === 'askFirst' && r.params.need === 'times'));
  });

  it('a man who will not join anything called a support group', () => {
    const directory = [
      candidate('Men’s peer support group', { supportKinds: ['peer_support'], points: [north(100)] }),
      candidate('Therapy circle', { supportKinds: ['therapy'], points: [north(150)] }),
      candidate('Saturday football', { supportKinds: ['sport'], points: [north(900)] }),
    ];
    assert.deepEqual(names(person({ gender: 'man', avoidSettings: ['support_groups'] }), directory), ['Saturday football']);
  });

  it('a young person who needs an 18–25 group', () => {
    const directory = [
      candidate('Young adults’ film club (18–25)', { minimumAge: 18, maximumAge: 25, points: [north(1500)] }),
      candidate('Youth drop-in', { audiences: ['young_people'], eligibility: 'only', points: [north(1200)] }),
      candidate('Everyone’s board games', { eligibility: 'open_to_all', points: [north(100)] }),
      candidate('Over-50s lunch', { audiences: ['older_people'], eligibility: 'only', points: [north(50)] }),
      candidate('Group that does not say', { points: [north(80)] }),
    ];
    const young = person({ ageBand: '18_24', preferences: [{ kind: 'audience', audience: 'young_people', must: true }] });
    assert.deepEqual(names(young, directory).sort(), ['Young adults’ film club (18–25)', 'Youth drop-in']);
  });

  it('an older woman with hearing loss: a hearing loop, or phone befriending instead', () => {
    const directory = [
      candidate('Library chat with a loop', { accessibility: { hearing_loop: true }, points: [north(600)] }),
      candidate('Phone befriending', { modes: ['phone'], points: [], supportKinds: ['befriending'] }),
      candidate('Lunch club, no loop', { accessibility: { hearing_loop: false }, points: [north(100)] }),
      candidate('Tea dance, loop not stated', { accessibility: {}, points: [north(150)] }),
    ];
    const her = person({
      gender: 'woman',
      ageBand: '65_plus',
      modes: ['in_person', 'phone'],
      preferences: [{ kind: 'access', feature: 'hearing_loop', must: true }],
    });
    assert.deepEqual(names(her, directory).sort(), ['Library chat with a loop', 'Phone befriending']);
  });

  it('a man who must not be sent to his community of origin’s faith group', () => {
    const directory = [
      candidate('Eritrean church fellowship', { communities: ['Eritrean'], faith: 'faith_based', points: [north(100)] }),
      candidate('Eritrean community coffee', { communities: ['Eritrean'], points: [north(200)] }),
      candidate('Interfaith soup kitchen', { faith: 'faith_based', points: [north(250)] }),
      candidate('Intercultural garden', { supportKinds: ['intercultural'], points: [north(900)] }),
    ];
    assert.deepEqual(names(person({ gender: 'man', avoidCommunities: ['eritrean'], avoidSettings: ['faith_setting'] }), directory), [
      'Intercultural garden',
    ]);
  });

  it('a person who needs no ID to be asked for', () => {
    const directory = [
      candidate('Advice drop-in, no ID needed', { requirements: { id_documents: false }, points: [north(900)] }),
      candidate('Centre that asks for ID', { requirements: { id_documents: true }, points: [north(100)] }),
      candidate('Centre that does not say', { requirements: {}, points: [north(100)] }),
    ];
    assert.deepEqual(names(person({ preferences: [{ kind: 'no_id', must: true }] }), directory), ['Advice drop-in, no ID needed']);
  });

  it('eligibility beyond age and gender: refugees-only not for a carer, parents-and-toddlers not for a 67-year-old', () => {
    const directory = [
      candidate('Refugee welcome drop-in', { audiences: ['refugees_asylum'], eligibility: 'only', points: [north(100)] }),
      candidate('Parents and toddlers', { audiences: ['families'], eligibility: 'only', points: [north(120)] }),
      candidate('Carers’ café', { audiences: ['carers'], eligibility: 'especially_welcome', points: [north(800)] }),
    ];
    assert.deepEqual(names(person({ ageBand: '65_plus', belongsTo: ['carers'] }), directory), ['Carers’ café']);
    assert.ok(names(person({ belongsTo: ['refugees_asylum'] }), directory).includes('Refugee welcome drop-in'));
  });

  it('service areas: a service for Leeds postcodes is not offered in Bradford; an unreadable area says ask first', () => {
    const leeds = readServiceArea({ name: 'Leeds', extent: 'LS1, LS2, LS3', extent_type: 'text' });
    const bradford = readServiceArea({ name: 'Bradford', extent: 'BD', extent_type: 'text' });
    const named = readServiceArea({ name: 'Bradford district', extent: null, extent_type: null });
    const directory = [
      candidate('Leeds phone line', { modes: ['phone'], points: [], serviceAreas: [leeds] }),
      candidate('Bradford phone line', { modes: ['phone'], points: [], serviceAreas: [bradford] }),
      candidate('District phone line', { modes: ['phone'], points: [], serviceAreas: [named] }),
    ];
    const r = rankCandidates(person({ outcode: 'BD8', modes: ['phone'] }), directory, { today: TODAY });
    assert.deepEqual(r.suggestions.map((s) => s.name).sort(), ['Bradford phone line', 'District phone line']);
    assert.ok(r.suggestions.find((s) => s.name === 'District phone line')!.reasons.some((x) => x.code === 'areaAskFirst'));
    assert.deepEqual(
      names(person({ outcode: null, modes: ['phone'] }), directory),
      ['District phone line'],
      'not knowing where they live is never inside',
    );
  });

  it('shared background counts only the person’s own communities', () => {
    const directory = [
      candidate('Polish women’s circle', { supportKinds: ['shared_identity_group'], communities: ['Polish'], points: [north(100)] }),
      candidate('Somali mothers’ group', { supportKinds: ['shared_identity_group'], communities: ['Somali'], points: [north(1500)] }),
    ];
    assert.equal(names(person({ wants: ['shared_identity'], communities: ['Somali'] }), directory)[0], 'Somali mothers’ group');
  });

  it('variety never drops a clearly better fit; one-to-one comes before groups when asked', () => {
    const directory = [
      ...[100, 150, 200].map((m, i) => candidate(`Befriending ${i + 1}`, { supportKinds: ['befriending'], points: [north(m)] })),
      candidate('Weak far group', { supportKinds: ['arts'], points: [north(9000)] }),
    ];
    assert.deepEqual(names(person({}), directory, 3), ['Befriending 1', 'Befriending 2', 'Befriending 3']);
    const mixed = [candidate('Near group', { supportKinds: ['arts'], points: [north(50)] }), ...directory];
    assert.equal(names(person({ wants: ['one_to_one'] }), mixed)[0], 'Befriending 1');
    assert.equal(names(person({}), mixed)[0], 'Near group');
  });

  it('a Cantonese speaker keeps their language and the interpreter rule', () => {
    const directory = [
      candidate('English-only chat', { languages: ['en'], points: [north(100)] }),
      candidate('Cantonese lunch club', { languages: ['yue'], points: [north(1500)] }),
      candidate('Advice with interpreters', { languages: ['en'], interpreterAvailable: true, points: [north(900)] }),
    ];
    const r = person({ languages: ['yue'], englishOk: false, interpreterNeeded: true });
    assert.deepEqual(names(r, directory), ['Cantonese lunch club', 'Advice with interpreters']);
    const must = person({ languages: ['yue'], preferences: [{ kind: 'language', code: 'yue', interpreterOk: false, must: true }] });
    assert.deepEqual(names(must, directory), ['Cantonese lunch club']);
  });
});
