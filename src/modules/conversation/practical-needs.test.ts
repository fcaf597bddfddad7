import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { EMPTY_MATCH_REQUEST, type MatchRequest } from '../matching/match-request.ts';
import { candidate, north, ORIGIN, TODAY } from '../matching/match.test-support.ts';
import { composePlan, type PlanInput } from './plan.ts';
import { namesNeed, pickPracticalHelp, practicalKinds, practicalRequest } from '../matching/practical-needs.ts';

const person: MatchRequest = { ...EMPTY_MATCH_REQUEST, origin: ORIGIN, languages: ['ar'], englishOk: false, interpreterNeeded: true };

const housing = candidate('Housing advice drop-in', {
  description: 'Advice about renting, repairs and eviction notices.',
  supportKinds: ['advice'],
  interpreterAvailable: true,
  points: [north(900)],
});
const nearHousing = candidate('Tenancy help', {
  description: 'Help with your tenancy.',
  supportKinds: ['advice'],
  languages: ['ar'],
  points: [north(200)],
});
const general = candidate('Citizens advice', {
  description: 'Free, independent advice with anything.',
  supportKinds: ['advice'],
  languages: ['ar'],
});
const foodBank = candidate('Food bank', { description: 'Food parcels every Tuesday.', supportKinds: ['advice'], languages: ['ar'] });
const phoneHelp = candidate('Get online drop-in', {
  description: 'Help with phones, SIM cards and data.',
  supportKinds: ['skills'],
  languages: ['ar'],
});
const englishOnly = candidate('Debt advice (English only)', {
  description: 'Debt and benefits.',
  supportKinds: ['advice'],
  languages: ['en'],
});
const knitting = candidate('Knitting circle', { description: 'Knit and chat.', supportKinds: ['arts'], languages: ['ar'] });
const simple = candidate('Simple sewing', { description: 'Simple sewing projects.', supportKinds: ['skills'], languages: ['ar'] });

describe('practical needs first', () => {
  it('finds a need named in a service’s text, whole short words only', () => {
    assert.equal(namesNeed(housing, 'housing'), true, 'eviction');
    assert.equal(namesNeed(phoneHelp, 'phone'), true);
    assert.equal(namesNeed(simple, 'phone'), false, '"sim" is not in "simple"');
    assert.equal(namesNeed(general, 'housing'), false);
  });

  it('asks the directory for advice (and skills for phones and data), keeping every hard rule of the person', () => {
    assert.deepEqual(practicalKinds(['housing', 'phone']), ['advice', 'skills']);
    const r = practicalRequest({ ...person, interests: ['arts'], costLimit: 'free', wants: ['group'] }, ['housing']);
    assert.deepEqual(r.interests, ['advice']);
    assert.deepEqual(r.wants, ['practical']);
    assert.equal(r.costLimit, 'free');
    assert.equal(r.interpreterNeeded, true);
  });

  it('picks, per need, services naming it first (nearest and best fit), then general advice; never one breaking a hard rule; each service once', () => {
    const all = [knitting, general, housing, nearHousing, foodBank, phoneHelp, englishOnly, simple];
    const help = pickPracticalHelp(
      practicalRequest(person, ['housing', 'money', 'food', 'phone']),
      all,
      ['housing', 'money', 'food', 'phone'],
      TODAY,
    );
    const names = Object.fromEntries(help.map((h) => [h.need, h.suggestions.map((s) => s.name)]));
    assert.deepEqual(names.housing, ['Tenancy help', 'Housing advice drop-in']);
    // Debt advice speaks only English (and offers no interpreter): ruled out; general advice instead.
    assert.deepEqual(names.money, ['Citizens advice']);
    assert.deepEqual(names.food, ['Food bank']);
    assert.deepEqual(names.phone, ['Get online drop-in']);
    assert.ok(
      help.every((h) => h.suggestions.every((s) => s.reasons.length > 0)),
      'each with its reasons',
    );
  });

  it('says so when nothing fits a need', () => {
    const help = pickPracticalHelp(practicalRequest(person, ['immigration']), [knitting, englishOnly], ['immigration'], TODAY);
    assert.deepEqual(help, [{ need: 'immigration', suggestions: [] }]);
  });

  it('carries them into the plan first, with what was chosen for each need or that the connector will look', () => {
    const input: PlanInput = {
      personName: 'Amina',
      answers: { practical: { needs: ['housing', 'food'] }, interests: { kinds: ['arts'], words: '' } },
      chosen: [
        {
          serviceId: 's1',
          name: 'Tenancy help',
          organizationName: 'Advice Centre',
          distanceMetres: 200,
          waitingList: false,
          reasons: [],
          practicalNeed: 'housing',
        },
        {
          serviceId: 's2',
          name: 'Knitting circle',
          organizationName: 'Oak Lane Trust',
          distanceMetres: 300,
          waitingList: false,
          reasons: [],
        },
      ],
      noteForPerson: null,
      connectorName: 'Chloe',
      organisationName: 'Oak Lane Surgery',
      date: new Date('2026-03-02T10:00:00Z'),
      phraseReasons: () => 'free',
    };
    const plan = composePlan(createI18n('en'), input);
    assert.equal(plan.sections[0]!.heading, 'First, practical help');
    assert.deepEqual(plan.sections[0]!.items, [
      'Housing, or having to move: Tenancy help (Advice Centre): free',
      'Food: Chloe will look for help with this with you',
    ]);
    const places = plan.sections.find((s) => s.heading === 'Places to try');
    assert.ok(!places || places.items.every((i) => !i.includes('Tenancy')), 'practical help is not repeated among the places');
    const ar = composePlan(createI18n('ar'), input);
    assert.equal(ar.sections[0]!.heading, 'أولًا، المساعدة العملية');
  });
});
