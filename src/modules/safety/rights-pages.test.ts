import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOGUES } from '../../platform/i18n/catalogue.ts';
import { LOCALE_CODES } from '../../platform/i18n/locales.ts';
import {
  parseRightsEdit,
  reviewState,
  rightsBlocks,
  rightsBodyKey,
  rightsText,
  RIGHTS_PAGES,
  ukToday,
  type RightsRecord,
} from './rights-pages.ts';

const record = (over: Partial<RightsRecord> = {}): RightsRecord => ({
  page: 'gp',
  locale: 'en',
  title: null,
  body: null,
  reviewBy: '2026-07-01',
  updatedAt: new Date(),
  updatedBy: null,
  ...over,
});

describe('know your rights pages', () => {
  it('has every page in every language, short, and in paragraphs', () => {
    for (const code of LOCALE_CODES)
      for (const p of RIGHTS_PAGES) {
        const body = CATALOGUES[code][rightsBodyKey(p)]!;
        assert.ok(body.length > 200 && body.length < 2500, `${code} ${p}: ${body.length}`);
        assert.ok(rightsBlocks(body).length >= 3, `${code} ${p}`);
      }
  });

  it('says the things people are wrongly told, in English', () => {
    const en = CATALOGUES.en;
    assert.match(en['rights.gp.body']!, /do not need proof of address, ID, an immigration document or an NHS number/);
    assert.match(en['rights.gp.body']!, /free/);
    assert.match(en['rights.nhs.body']!, /free interpreter/);
    assert.match(en['rights.privacy.body']!, /never give your information to the Home Office/);
    assert.match(en['rights.privacy.body']!, /Consent means you decide/);
    assert.match(en['rights.complain.body']!, /do not have to give your name/);
  });

  it('reads paragraphs and lists', () => {
    assert.deepEqual(rightsBlocks('One\ntwo.\n\n- a\n- b\r\n\r\nThree'), [
      { kind: 'p', text: 'One two.' },
      { kind: 'ul', items: ['a', 'b'] },
      { kind: 'p', text: 'Three' },
    ]);
  });

  it('uses the deployment’s own words only when it has a whole page', () => {
    const catalogue = { title: 'T', body: 'B' };
    assert.deepEqual(rightsText(null, catalogue), { title: 'T', body: 'B', own: false });
    assert.deepEqual(rightsText(record(), catalogue), { title: 'T', body: 'B', own: false });
    assert.deepEqual(rightsText(record({ title: 'Own', body: 'Words' }), catalogue), { title: 'Own', body: 'Words', own: true });
  });

  it('knows when a review is due', () => {
    assert.equal(reviewState(null, '2026-06-01'), 'never');
    assert.equal(reviewState(record(), '2026-06-30'), 'ok');
    assert.equal(reviewState(record(), '2026-07-01'), 'due');
    assert.equal(ukToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01', 'UK summer time');
  });

  it('checks the edit form', () => {
    const today = '2026-06-10';
    const own = parseRightsEdit('gp', 'ar', { mode: 'own', title: ' عنوان ', body: 'نص', reviewBy: '2026-12-01' }, today);
    assert.deepEqual(own, { ok: true, value: { page: 'gp', locale: 'ar', title: 'عنوان', body: 'نص', reviewBy: '2026-12-01' } });
    const back = parseRightsEdit('gp', 'ar', { mode: 'catalogue', title: 'x', body: 'y', reviewBy: '2026-12-01' }, today);
    assert.ok(back.ok && back.value.title === null && back.value.body === null);
    const bad = parseRightsEdit('gp', 'en', { mode: 'own', reviewBy: '2026-02-30' }, today);
    assert.ok(!bad.ok);
    if (!bad.ok)
      assert.deepEqual(
        bad.problems.map((p) => p.code),
        ['titleMissing', 'bodyMissing', 'reviewByMissing'],
      );
    const past = parseRightsEdit('gp', 'en', { mode: 'catalogue', reviewBy: today }, today);
    assert.ok(!past.ok && past.problems[0]!.code === 'reviewByPast');
  });
});
