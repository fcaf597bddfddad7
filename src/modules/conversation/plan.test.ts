import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { composePlan, planText, type PlanInput } from './plan.ts';

const input: PlanInput = {
  personName: 'Amina',
  answers: {
    interests: { kinds: ['gardening'], words: 'sewing' },
    strengths: { words: 'I was a teacher' },
    wants: { wants: ['group'], faith: false, communities: '' },
    help: { needs: ['go_with'] },
    cost: { limit: 'free' },
    times: { unavailable: ['MO.morning', 'MO.afternoon', 'MO.evening', 'FR.evening'] },
    travel: { distance: 'walk_10' },
    modes: { modes: ['in_person'] },
    avoid: { serviceIds: [], settings: ['forms'], words: 'the mosque on Oak Lane' },
    safety: { answer: 'vetted' },
  },
  chosen: [
    { serviceId: 's1', name: 'Tea and chat', organizationName: 'Oak Lane Trust', distanceMetres: 400, waitingList: false, reasons: [] },
  ],
  noteForPerson: 'I will phone you on Tuesday',
  connectorName: 'Chloe',
  organisationName: 'Oak Lane Surgery',
  date: new Date('2026-03-02T10:00:00Z'),
  phraseReasons: () => 'free · 5 minutes’ walk',
  placeDetails: () => [
    { label: 'Where', text: 'Oak Lane Centre, 1 Oak Lane, Bradford, BD8 7AA' },
    { label: 'Phone', text: '01274 000000', href: 'tel:01274000000', ltr: true },
  ],
};

describe('the written plan', () => {
  it('says what matters, what they would like, what will help, where to go and what happens next', () => {
    const plan = composePlan(createI18n('en'), input);
    assert.equal(plan.title, 'Your plan');
    assert.equal(plan.subtitle, 'For Amina, 2 March 2026');
    assert.deepEqual(plan.sections, [
      { heading: 'What matters to you', items: ['Gardening and growing', 'You also enjoy: sewing', 'You are good at: I was a teacher'] },
      { heading: 'What you would like', items: ['Joining a group'] },
      {
        heading: 'What will help',
        items: [
          'Someone to go with me the first time',
          'It needs to be free',
          'About 10 minutes’ walk',
          'Ways to take part: In person',
          'Times you cannot make: Monday and Friday Evening',
        ],
      },
      {
        heading: 'Places to try',
        items: ['Tea and chat (Oak Lane Trust): free · 5 minutes’ walk'],
        places: [{ title: 'Tea and chat (Oak Lane Trust): free · 5 minutes’ walk', details: input.placeDetails!(input.chosen[0]!) }],
      },
      { heading: 'Next steps', items: ['I will phone you on Tuesday', 'Chloe from Oak Lane Surgery will keep in touch with you.'] },
    ]);
  });

  it('leaves out what to keep away from and the safety answer, which stay in the record', () => {
    const text = planText(createI18n('en'), composePlan(createI18n('en'), input));
    assert.doesNotMatch(text, /mosque|Large groups|trained/);
  });

  it('sends each place with its details under it, and the note to the person in the next steps', () => {
    const en = createI18n('en');
    const text = planText(en, composePlan(en, input));
    assert.ok(
      text.includes(
        'Places to try\n- Tea and chat (Oak Lane Trust): free · 5 minutes’ walk\n  Where: Oak Lane Centre, 1 Oak Lane, Bradford, BD8 7AA\n  Phone: 01274 000000\n',
      ),
      text,
    );
    assert.ok(text.includes('Next steps\n- I will phone you on Tuesday\n'), text);
  });

  it('is written in the person’s language, and says so plainly when no place was chosen', () => {
    const plan = composePlan(createI18n('ar'), { ...input, chosen: [], noteForPerson: null });
    assert.equal(plan.title, 'خطتك');
    assert.deepEqual(plan.sections.find((s) => s.heading === 'أماكن يمكنك تجربتها')?.items, [
      'لم نجد المكان المناسب بعد. سنواصل البحث معًا.',
    ]);
    assert.match(planText(createI18n('ar'), plan), /^خطتك\n/);
  });
});
