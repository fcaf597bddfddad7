import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { CATALOGUES, messageArguments } from '../../platform/i18n/catalogue.ts';
import { LOCALE_CODES } from '../../platform/i18n/locales.ts';
import { checkAdministration, readForm, validDate, asciiDigits, type RawAdministration } from './measure-answers.ts';
import { pairFor, personChanges, summarise, type StoredAdministration } from './measure-change.ts';
import {
  BELONGING_CODES,
  catalogueKeys,
  CEL3,
  CEL_CODES,
  displayedOptions,
  DIRECT_CODES,
  ONS_LONELINESS,
  PREFER_NOT,
  UCLA_CODES,
  type ChoiceItem,
} from './measure-definitions.ts';
import { loadMeasurePacks, MeasurePackError, parsePack } from './measure-packs.ts';
import { measureRegistry } from './measure-registry.ts';
import { BUILTIN_MEASURES, ons4Band, scoreBelonging, scoreCel, scoreGroups, scoreOns4, scoreOnsLoneliness } from './measure-scoring.ts';

const FIXTURES = fileURLToPath(new URL('./test-fixtures/', import.meta.url));
const value = (lines: { id: string; value: number | null }[], id: string): number | null => lines.find((l) => l.id === id)?.value ?? null;

describe('measure definitions', () => {
  it('asks the three UCLA items first and the direct question last (ONS order)', () => {
    assert.deepEqual(
      ONS_LONELINESS.items.map((i) => i.id),
      ['lack_companionship', 'left_out', 'isolated', 'direct'],
    );
  });

  it('has every word of every built-in measure in all 12 person catalogues, with the same arguments', () => {
    for (const m of BUILTIN_MEASURES) {
      for (const key of catalogueKeys(m)) {
        for (const code of LOCALE_CODES) {
          const text = CATALOGUES[code][key];
          assert.ok(text, `${code} lacks ${key}`);
          assert.deepEqual([...messageArguments(text).args], [...messageArguments(CATALOGUES.en[key]!).args], `${code} ${key}`);
        }
      }
      assert.deepEqual(m.languages, LOCALE_CODES, `${m.id} is offered in every language`);
      assert.deepEqual(m.officialLanguages, ['en'], `${m.id}: only English is the official wording`);
    }
  });

  it('keeps the validated English wording unchanged', () => {
    const en = CATALOGUES.en;
    assert.equal(en['measures.onsLoneliness.lackCompanionship'], 'How often do you feel that you lack companionship?');
    assert.equal(en['measures.onsLoneliness.isolated'], 'How often do you feel isolated from others?');
    assert.equal(en['measures.ons4.anxious'], 'Overall, how anxious did you feel yesterday?');
    assert.equal(en['measures.cel.help'], 'I have enough people I feel comfortable asking for help at any time');
    assert.equal(en['measures.belonging.question'], 'How strongly do you feel you belong to your immediate neighbourhood?');
  });

  it('uses "lonely"/"isolated" only inside the two validated ONS item stems, never in titles or explanations', () => {
    const offending = Object.entries(CATALOGUES.en)
      .filter(([k, v]) => k.startsWith('measures.') && /\b(lonely|loneliness|isolated|isolation)\b/i.test(v))
      .map(([k]) => k);
    assert.deepEqual(offending.sort(), ['measures.onsLoneliness.direct', 'measures.onsLoneliness.isolated']);
  });

  it('shows CEL options in alternating order (1 and 3 from strongly disagree, 2 from strongly agree) but stores the same codes', () => {
    const [q1, q2, q3] = CEL3.items as ChoiceItem[];
    assert.equal(displayedOptions(q1!)[0]!.code, 'strongly_disagree');
    assert.equal(displayedOptions(q2!)[0]!.code, 'strongly_agree');
    assert.equal(displayedOptions(q3!)[0]!.code, 'strongly_disagree');
    for (const q of [q1!, q2!, q3!])
      assert.deepEqual(
        displayedOptions(q)
          .map((o) => o.code)
          .sort(),
        [...CEL_CODES].sort(),
      );
  });

  it('never uses the "prefer not to say" code as an option code', () => {
    for (const m of BUILTIN_MEASURES)
      for (const item of m.items) if (item.kind === 'choice') assert.ok(item.options.every((o) => o.code !== PREFER_NOT));
  });
});

describe('scoring', () => {
  const ucla: [string, string, string, string, number | null][] = [
    ['hardly_ever_or_never', 'hardly_ever_or_never', 'hardly_ever_or_never', 'never', 3],
    ['often', 'often', 'often', 'often_always', 9],
    ['some_of_the_time', 'often', 'hardly_ever_or_never', 'occasionally', 6],
    ['often', PREFER_NOT, 'often', 'never', null],
  ];
  for (const [a, b, c, d, total] of ucla) {
    it(`UCLA-3 ${a}/${b}/${c} → ${total}`, () => {
      const lines = scoreOnsLoneliness({ lack_companionship: a, left_out: b, isolated: c, direct: d });
      assert.equal(value(lines, 'ucla3_total'), total);
      assert.equal(lines.find((l) => l.id === 'direct')?.category, d);
    });
  }

  it('keeps each UCLA item and the direct question as their own scores', () => {
    const lines = scoreOnsLoneliness({
      lack_companionship: 'often',
      left_out: 'some_of_the_time',
      isolated: PREFER_NOT,
      direct: 'often_always',
    });
    assert.equal(value(lines, 'lack_companionship'), 3);
    assert.equal(value(lines, 'left_out'), 2);
    assert.equal(value(lines, 'isolated'), null);
    assert.equal(value(lines, 'direct'), 5);
  });

  const bands: [string, number, string][] = [
    ['satisfied', 0, 'low'],
    ['satisfied', 4, 'low'],
    ['satisfied', 5, 'medium'],
    ['satisfied', 6, 'medium'],
    ['satisfied', 7, 'high'],
    ['satisfied', 8, 'high'],
    ['satisfied', 9, 'very_high'],
    ['happy', 10, 'very_high'],
    ['anxious', 0, 'very_low'],
    ['anxious', 1, 'very_low'],
    ['anxious', 2, 'low'],
    ['anxious', 3, 'low'],
    ['anxious', 4, 'medium'],
    ['anxious', 5, 'medium'],
    ['anxious', 6, 'high'],
    ['anxious', 10, 'high'],
  ];
  for (const [item, v, band] of bands) {
    it(`ONS4 ${item} ${v} is ${band}`, () => assert.equal(ons4Band(item as 'satisfied', v), band));
  }

  it('reports ONS4 item by item and never sums it', () => {
    const lines = scoreOns4({ satisfied: '7', worthwhile: '8', happy: PREFER_NOT, anxious: '2' });
    assert.deepEqual(
      lines.map((l) => l.id),
      ['satisfied', 'worthwhile', 'happy', 'anxious'],
    );
    assert.deepEqual(lines[0], { id: 'satisfied', value: 7, band: 'high' });
    assert.deepEqual(lines[2], { id: 'happy', value: null });
    assert.deepEqual(lines[3], { id: 'anxious', value: 2, band: 'low' });
    assert.equal(
      scoreOns4({ satisfied: '11', worthwhile: '-1', happy: 'x', anxious: '3.5' }).every((l) => l.value === null),
      true,
    );
  });

  const cel: [string, string, string, number | null][] = [
    ['strongly_agree', 'strongly_agree', 'strongly_agree', 0],
    ['strongly_disagree', 'strongly_disagree', 'strongly_disagree', 12],
    ['agree', 'neutral', 'disagree', 6],
    ['agree', PREFER_NOT, 'disagree', null],
  ];
  for (const [a, b, c, total] of cel)
    it(`CEL ${a}/${b}/${c} → ${total}`, () => assert.equal(value(scoreCel({ content: a, help: b, satisfying: c }), 'cel_total'), total));

  it('scores belonging as its category and groups as a count', () => {
    assert.deepEqual(scoreBelonging({ belonging: 'fairly_strongly' }), [{ id: 'belonging', value: 3, category: 'fairly_strongly' }]);
    assert.deepEqual(scoreBelonging({ belonging: PREFER_NOT }), [{ id: 'belonging', value: null }]);
    assert.deepEqual(scoreGroups({ groups: '4' }), [{ id: 'groups', value: 4 }]);
    assert.deepEqual(scoreGroups({ groups: '100' }), [{ id: 'groups', value: null }]);
  });

  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(PREFER_NOT));
  it('keeps every score in its range whatever the answers (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          maybe(fc.constantFrom(...UCLA_CODES)),
          maybe(fc.constantFrom(...UCLA_CODES)),
          maybe(fc.constantFrom(...UCLA_CODES)),
          maybe(fc.constantFrom(...DIRECT_CODES)),
        ),
        fc.tuple(maybe(fc.constantFrom(...CEL_CODES)), maybe(fc.constantFrom(...CEL_CODES)), maybe(fc.constantFrom(...CEL_CODES))),
        fc.array(maybe(fc.integer({ min: 0, max: 10 }).map(String)), { minLength: 4, maxLength: 4 }),
        maybe(fc.constantFrom(...BELONGING_CODES)),
        ([a, b, c, d], [x, y, z], ons, bel) => {
          const l = scoreOnsLoneliness({ lack_companionship: a, left_out: b, isolated: c, direct: d });
          const t = value(l, 'ucla3_total');
          assert.ok(t === null || (t >= 3 && t <= 9));
          assert.equal(t === null, [a, b, c].includes(PREFER_NOT));
          const dv = value(l, 'direct');
          assert.ok(dv === null || (dv >= 1 && dv <= 5));
          const ct = value(scoreCel({ content: x, help: y, satisfying: z }), 'cel_total');
          assert.ok(ct === null || (ct >= 0 && ct <= 12));
          for (const line of scoreOns4({ satisfied: ons[0]!, worthwhile: ons[1]!, happy: ons[2]!, anxious: ons[3]! }))
            assert.ok(line.value === null || (line.value >= 0 && line.value <= 10 && line.band));
          const bv = value(scoreBelonging({ belonging: bel }), 'belonging');
          assert.ok(bv === null || (bv >= 1 && bv <= 4));
        },
      ),
    );
  });

  it('scores CEL the same whichever order the options were shown or the answers stored (property)', () => {
    fc.assert(
      fc.property(fc.tuple(fc.constantFrom(...CEL_CODES), fc.constantFrom(...CEL_CODES), fc.constantFrom(...CEL_CODES)), ([a, b, c]) => {
        const inOrder = scoreCel({ content: a, help: b, satisfying: c });
        const reordered = scoreCel(Object.fromEntries(Object.entries({ satisfying: c, help: b, content: a }).reverse()));
        assert.deepEqual(inOrder, reordered);
        // The score depends on the code, not where it was displayed: statement 2's reversed display changes nothing.
        const help = CEL3.items[1] as ChoiceItem;
        const shownAt = displayedOptions(help).findIndex((o) => o.code === b);
        assert.equal(value(inOrder, 'help'), help.options.find((o) => o.code === b)!.value);
        assert.equal(help.options[shownAt]!.code === b, shownAt === 2 && b === 'neutral');
      }),
    );
  });
});

describe('reading and checking an administration', () => {
  const ons = BUILTIN_MEASURES.find((m) => m.id === 'ons_loneliness')!;
  const groups = BUILTIN_MEASURES.find((m) => m.id === 'groups')!;
  const base: RawAdministration = {
    occasion: 'baseline',
    occasionDate: '2025-03-14',
    mode: 'interpreter_read',
    language: 'ar',
    explanation: 'yes',
    declined: false,
    answers: {},
  };

  it('accepts a full set of answers and "prefer not to say"', () => {
    const r = checkAdministration(
      ons,
      { ...base, answers: { lack_companionship: 'often', left_out: PREFER_NOT, isolated: 'often', direct: 'never' } },
      '2025-03-20',
    );
    assert.ok(r.ok);
    assert.equal(r.value.language, 'ar');
    assert.equal(r.value.explanationShown, true);
  });

  it('lists every problem: bad details and unanswered or made-up answers', () => {
    const r = checkAdministration(
      ons,
      {
        occasion: 'later',
        occasionDate: '2025-02-30',
        mode: 'phone',
        language: 'xx',
        explanation: '',
        declined: false,
        answers: { lack_companionship: 'often', left_out: '', isolated: 'sometimes' },
      },
      '2025-03-20',
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => p.field),
      ['occasion', 'occasionDate', 'mode', 'language', 'explanation', 'left_out', 'isolated', 'direct'],
    );
  });

  it('refuses a date in the future and accepts today', () => {
    assert.equal(validDate('2025-03-21', '2025-03-20'), false);
    assert.equal(validDate('2025-03-20', '2025-03-20'), true);
  });

  it('keeps no answers when the measure is declined', () => {
    const r = checkAdministration(ons, { ...base, declined: true, answers: { lack_companionship: 'often' } }, '2025-03-20');
    assert.ok(r.ok);
    assert.deepEqual(r.value.answers, {});
  });

  it('reads a count in the person’s own digits, and refuses a number together with "prefer not to say"', () => {
    assert.equal(asciiDigits('٣ ۴ ৫'), '3 4 5');
    const raw = readForm(groups, { ...base, 'item-groups': '١٢' });
    assert.equal(raw.answers.groups, '12');
    const ok = checkAdministration(groups, { ...raw, explanation: 'no' }, '2025-03-20');
    assert.ok(ok.ok && ok.value.answers.groups === '12');
    const both = readForm(groups, { ...base, 'item-groups': '2', 'item-groups-prefer-not': 'yes' });
    const r = checkAdministration(groups, both, '2025-03-20');
    assert.ok(!r.ok && r.problems[0]!.code === 'count');
    const skip = checkAdministration(groups, readForm(groups, { ...base, 'item-groups-prefer-not': 'yes' }), '2025-03-20');
    assert.ok(skip.ok && skip.value.answers.groups === PREFER_NOT);
  });
});

describe('change over time and area figures', () => {
  const rec = (
    personId: string,
    occasion: 'baseline' | 'follow_up',
    date: string,
    total: number | null,
    extra: Partial<StoredAdministration> = {},
  ): StoredAdministration => ({
    id: `${personId}-${date}`,
    personId,
    measureId: 'cel3',
    occasion,
    occasionDate: date,
    declined: false,
    scores: [{ id: 'cel_total', value: total }],
    recordedAt: new Date(`${date}T10:00:00Z`),
    ...extra,
  });

  it('pairs the earliest answered baseline with the latest answered follow-up after it', () => {
    const pair = pairFor([
      rec('p', 'follow_up', '2025-01-01', 1),
      rec('p', 'baseline', '2025-02-01', 9),
      rec('p', 'baseline', '2025-02-10', 8),
      rec('p', 'follow_up', '2025-04-01', 5),
      rec('p', 'follow_up', '2025-06-01', null, { declined: true, scores: [] }),
    ]);
    assert.equal(pair?.baseline.occasionDate, '2025-02-01');
    assert.equal(pair?.followUp.occasionDate, '2025-04-01');
    const [change] = personChanges([rec('p', 'baseline', '2025-02-01', 9), rec('p', 'follow_up', '2025-04-01', 5)]);
    assert.deepEqual(change!.lines, [{ id: 'cel_total', baseline: 9, followUp: 5, delta: -4 }]);
    assert.equal(pairFor([rec('p', 'baseline', '2025-02-01', 9)]), null);
  });

  it('hides every figure that rests on fewer than 5 people', () => {
    const four = ['a', 'b', 'c', 'd'].flatMap((p) => [rec(p, 'baseline', '2025-01-01', 8), rec(p, 'follow_up', '2025-03-01', 6)]);
    const [small] = summarise(four, [{ id: 'cel3', scoreIds: ['cel_total'] }]);
    assert.deepEqual(small!.pairs, { shown: false });
    assert.deepEqual(small!.lines[0]!.meanChange, { shown: false });
    const five = [...four, rec('e', 'baseline', '2025-01-01', 10), rec('e', 'follow_up', '2025-03-01', 3)];
    const [big] = summarise(five, [{ id: 'cel3', scoreIds: ['cel_total'] }]);
    assert.deepEqual(big!.pairs, { shown: true, value: 5 });
    assert.deepEqual(big!.lines[0]!.meanBaseline, { shown: true, value: 8.4 });
    assert.deepEqual(big!.lines[0]!.meanChange, { shown: true, value: -3 });
    assert.ok(!JSON.stringify(big).includes('"a"'), 'no person ids in the figures');
  });
});

describe('content packs', () => {
  it('loads made-up packs of each scoring method and scores them', () => {
    const packs = loadMeasurePacks(FIXTURES);
    const registry = measureRegistry(packs);
    const rasch = registry.get('made_up_wellbeing')!;
    assert.equal(rasch.source, 'pack');
    assert.deepEqual(rasch.languages, ['en', 'ar']);
    assert.equal(value(rasch.score({ calm: 'mostly', busy: 'sometimes' }), 'metric'), 6.2);
    assert.equal(value(rasch.score({ calm: 'mostly', busy: 'sometimes' }), 'raw'), 5);
    assert.equal(value(rasch.score({ calm: 'mostly', busy: PREFER_NOT }), 'metric'), null, 'no prorating');
    const ties = registry.get('made_up_ties')!;
    const s = ties.score({ a: 'more_or_less', b: PREFER_NOT, c: 'no' });
    assert.equal(value(s, 'total'), 2, 'one missing item is allowed for the total');
    assert.equal(value(s, 'first_two'), null, 'a subscale needs every item');
    assert.equal(value(ties.score({ a: PREFER_NOT, b: PREFER_NOT, c: 'no' }), 'total'), null);
  });

  const good = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'made-up-rasch.json'), 'utf8'));
  const bad: [string, (p: typeof good) => void, RegExp][] = [
    ['a missing translation', (p) => delete p.items[0].text.ar, /items\.0\.text: has no text in "ar"/],
    ['a gap in the Rasch table', (p) => delete p.scoring.table['4'], /scoring\.table: has no metric score for raw sum\(s\) 4/],
    ['an unknown scoring method', (p) => (p.scoring.method = 'average'), /scoring\.method/],
    ['a reserved code', (p) => (p.items[0].options[0].code = PREFER_NOT), /kept for "prefer not to say"/],
    ['no licence reference', (p) => delete p.licence.reference, /licence\.reference/],
    ['an unknown field', (p) => (p.extra = 1), /extra/],
  ];
  for (const [what, spoil, message] of bad) {
    it(`refuses a pack with ${what}, saying where`, () => {
      const p = structuredClone(good);
      spoil(p);
      assert.throws(
        () => parsePack('bad.json', JSON.stringify(p)),
        (e: Error) => e instanceof MeasurePackError && /bad\.json/.test(e.message) && message.test(e.message),
      );
    });
  }

  it('refuses broken JSON, a clash with a built-in id, and a folder that cannot be read', () => {
    assert.throws(() => parsePack('x.json', '{'), /x\.json is not valid JSON/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packs-'));
    fs.writeFileSync(path.join(dir, 'clash.json'), JSON.stringify({ ...good, id: 'ons4' }));
    assert.throws(() => loadMeasurePacks(dir, ['ons4']), /already used/);
    assert.throws(() => loadMeasurePacks(path.join(dir, 'nope')), /cannot read the folder/);
    fs.rmSync(dir, { recursive: true });
  });
});
