import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLanguageList, languageCode } from './language-names.ts';
import { readCost, readDate, readDays, readEntry, readLink, readTimeRange, readYesNo, costBandFor } from './text-transforms.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; problem: string }): T => {
  if (!r.ok) assert.fail(r.problem);
  return r.value;
};

describe('reading yes/no cells', () => {
  it('understands the ways people write yes and no, and leaves blanks unset', () => {
    for (const y of ['Yes', 'y', 'TRUE', '1', '✓', 'yes - ask on arrival']) assert.equal(value(readYesNo(y)), true, y);
    for (const n of ['No', 'N', 'false', '0', '-']) assert.equal(value(readYesNo(n)), false, n);
    assert.equal(value(readYesNo('  ')), null);
  });
  it('says when a cell is neither yes nor no', () => {
    const r = readYesNo('sometimes');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.problem : '', /"sometimes" is not yes or no/);
  });
});

describe('reading costs', () => {
  it('reads free, small charges and paid activities into a band and cost options', () => {
    assert.deepEqual(value(readCost('Free')), { band: 'free', options: [], description: 'Free' });
    const two = value(readCost('£2'))!;
    assert.equal(two.band, 'low_cost');
    assert.deepEqual(
      two.options.map((o) => o.amount),
      [2],
    );
    assert.equal(value(readCost('£12 per class'))!.band, 'paid');
    assert.equal(value(readCost('50p for tea'))!.options[0]!.amount, 0.5);
  });
  it('treats a suggested donation as free and keeps the amount as an option', () => {
    const r = value(readCost('£3 suggested donation'))!;
    assert.equal(r.band, 'free');
    assert.deepEqual(r.options, [
      { option: 'Suggested donation', amount: 3, currency: 'GBP', amount_description: '£3 suggested donation' },
    ]);
  });
  it('reports cost text it cannot read', () => {
    assert.equal(readCost('ask Sandra').ok, false);
  });
  it('derives a band from feed amounts, and none when the feed says nothing about cost', () => {
    assert.equal(costBandFor([]), null);
    assert.equal(costBandFor([], 'Free to attend'), 'free');
    assert.equal(costBandFor([0]), 'free');
    assert.equal(costBandFor([0, 3]), 'low_cost');
    assert.equal(costBandFor([35]), 'paid');
  });
});

describe('reading days', () => {
  const days = (t: string) => value(readDays(t));
  it('reads lists, plurals, "every" and ranges as weekly rules', () => {
    assert.deepEqual(days('Mon, Wed'), { freq: 'WEEKLY', interval: null, byday: 'MO,WE' });
    assert.equal(days('Tuesdays')!.byday, 'TU');
    assert.equal(days('Every Thursday')!.byday, 'TH');
    assert.equal(days('Monday-Friday')!.byday, 'MO,TU,WE,TH,FR');
    assert.equal(days('Mon to Fri')!.byday, 'MO,TU,WE,TH,FR');
    assert.equal(days('Weekends')!.byday, 'SA,SU');
    assert.equal(days('Daily')!.byday, 'MO,TU,WE,TH,FR,SA,SU');
    assert.equal(days('Mondays and Thursdays (term time only)')!.byday, 'MO,TH');
  });
  it('reads fortnightly and monthly patterns', () => {
    assert.deepEqual(days('every other Monday'), { freq: 'WEEKLY', interval: 2, byday: 'MO' });
    assert.deepEqual(days('1st and 3rd Tuesday of the month'), { freq: 'MONTHLY', interval: null, byday: '1TU,3TU' });
    assert.deepEqual(days('Last Friday of each month'), { freq: 'MONTHLY', interval: null, byday: '-1FR' });
  });
  it('reports days it cannot read', () => {
    assert.equal(readDays('when the weather is nice').ok, false);
    assert.equal(value(readDays('')), null);
  });
});

describe('reading time ranges', () => {
  const range = (t: string) => value(readTimeRange(t));
  it('reads the usual ways of writing a session time', () => {
    assert.deepEqual(range('10am-12pm'), { opens_at: '10:00', closes_at: '12:00' });
    assert.deepEqual(range('10:00–12:00'), { opens_at: '10:00', closes_at: '12:00' });
    assert.deepEqual(range('1.30pm to 3pm'), { opens_at: '13:30', closes_at: '15:00' });
    assert.deepEqual(range('10-12pm'), { opens_at: '10:00', closes_at: '12:00' });
    assert.deepEqual(range('1-3pm'), { opens_at: '13:00', closes_at: '15:00' });
    assert.deepEqual(range('10am - 12 noon'), { opens_at: '10:00', closes_at: '12:00' });
    assert.deepEqual(range('10am-12'), { opens_at: '10:00', closes_at: '12:00' });
  });
  it('reads ranges without am/pm the way people mean them', () => {
    assert.deepEqual(range('10-2'), { opens_at: '10:00', closes_at: '14:00' });
    assert.deepEqual(range('1-3'), { opens_at: '13:00', closes_at: '15:00' });
    assert.deepEqual(range('9 till 5'), { opens_at: '09:00', closes_at: '17:00' });
  });
  it('keeps a 24-hour range as written, so a closing time before the opening time is still caught', () => {
    assert.deepEqual(range('14:00-12:00'), { opens_at: '14:00', closes_at: '12:00' });
  });
  it('reports times it cannot read', () => {
    assert.equal(readTimeRange('mornings').ok, false);
    assert.equal(readTimeRange('25:00-26:00').ok, false);
  });
});

describe('reading how to get in', () => {
  it('maps everyday words to the entry routes', () => {
    assert.equal(value(readEntry('Drop in')), 'drop_in');
    assert.equal(value(readEntry('Just turn up')), 'drop_in');
    assert.equal(value(readEntry('No referral needed')), 'drop_in');
    assert.equal(value(readEntry('Self-referral')), 'self_referral');
    assert.equal(value(readEntry('Professional referral')), 'professional_referral');
    assert.equal(value(readEntry('GP referral')), 'professional_referral');
    assert.equal(value(readEntry('Formal assessment')), 'formal_assessment');
  });
  it('reports words that say nothing about access', () => {
    assert.equal(readEntry('Thursday').ok, false);
  });
});

describe('reading dates and links', () => {
  it('reads UK and ISO dates', () => {
    assert.equal(value(readDate('12/03/2024')), '2024-03-12');
    assert.equal(value(readDate('2024-03-12T09:00:00Z')), '2024-03-12');
    assert.equal(value(readDate('12 March 2024')), '2024-03-12');
    assert.equal(value(readDate('March 2024')), '2024-03-01');
    assert.equal(readDate('31/02/2024').ok, false);
  });
  it('adds https to bare web addresses', () => {
    assert.equal(readLink('www.example.org'), 'https://www.example.org');
    assert.equal(readLink('http://example.org/x'), 'http://example.org/x');
    assert.equal(readLink(''), null);
  });
});

describe('reading language names', () => {
  it('maps names, spellings and codes to ISO 639 codes', () => {
    assert.deepEqual(parseLanguageList('Bengali; Urdu, Polish'), { codes: ['bn', 'ur', 'pl'], unknown: [] });
    assert.equal(languageCode('Farsi'), 'fa');
    assert.equal(languageCode('Persian'), 'fa');
    assert.equal(languageCode('Dari'), 'prs');
    assert.equal(languageCode('Kurdish Sorani'), 'ckb');
    assert.equal(languageCode('Kurmanji'), 'kmr');
    assert.equal(languageCode('Kurdish'), 'ku');
    assert.equal(languageCode('BSL'), 'bfi');
    assert.equal(languageCode('Cantonese'), 'yue');
    assert.equal(languageCode('Mandarin'), 'zh');
    assert.equal(languageCode('Mirpuri'), 'phr');
    assert.equal(languageCode('ti'), 'ti');
  });
  it('returns the words it does not know, once per language otherwise', () => {
    assert.deepEqual(parseLanguageList('Urdu and urdu / Klingon'), { codes: ['ur'], unknown: ['Klingon'] });
  });
});
