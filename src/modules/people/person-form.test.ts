import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConsentInput, parsePersonInput } from './person-form.ts';
import { activeScopes, planSendBlocker, type Consent, type Person } from './person.ts';

describe('the person form', () => {
  it('needs only a name and a language; everything else is optional', () => {
    const r = parsePersonInput({ displayName: '  Amina  ', preferredLanguage: 'ar' }, false);
    assert.ok(r.ok);
    assert.equal(r.value.displayName, 'Amina');
    assert.equal(r.value.gender, null);
    assert.equal(r.value.area, null);
  });

  it('keeps a language the pages have no translation for (Cantonese, yue), apart from the page language', () => {
    const r = parsePersonInput({ displayName: 'Mei', preferredLanguage: 'en', spokenLanguage: ' YUE ', otherLanguages: 'yue, zh' }, false);
    assert.ok(r.ok);
    assert.equal(r.value.spokenLanguage, 'yue');
    assert.equal(r.value.preferredLanguage, 'en');
    assert.deepEqual(r.value.otherLanguages, ['zh']);
    assert.equal(r.value.englishOk, false, 'pages in English do not make the person content with English');
    const none = parsePersonInput({ displayName: 'Mei', preferredLanguage: 'en', spokenLanguage: '' }, false);
    assert.ok(none.ok);
    assert.equal(none.value.spokenLanguage, null);
    const wrong = parsePersonInput({ displayName: 'Mei', preferredLanguage: 'en', spokenLanguage: 'Cantonese' }, false);
    assert.deepEqual(wrong.ok ? [] : wrong.problems, [{ field: 'spokenLanguage', code: 'spokenLanguageInvalid' }]);
    const paged = parsePersonInput({ displayName: 'Mei', preferredLanguage: 'en', spokenLanguage: 'ar' }, false);
    assert.deepEqual(paged.ok ? [] : paged.problems, [{ field: 'spokenLanguage', code: 'spokenLanguageHasPages' }]);
  });

  it('resolves the area to its outward code and refuses what is not a place', () => {
    const ok = parsePersonInput({ displayName: 'A', preferredLanguage: 'en', area: 'bd8' }, false);
    assert.ok(ok.ok);
    assert.equal(ok.value.outcode, 'BD8');
    const bad = parsePersonInput({ displayName: 'A', preferredLanguage: 'en', area: 'nowhere' }, false);
    assert.deepEqual(bad.ok ? [] : bad.problems, [{ field: 'area', code: 'areaUnknown' }]);
  });

  it('keeps a phone number or email only with consent to keep contact details', () => {
    const r = parsePersonInput({ displayName: 'A', preferredLanguage: 'en', phone: '07700 900123' }, false);
    assert.deepEqual(r.ok ? [] : r.problems, [{ field: 'phone', code: 'contactNotConsented' }]);
    assert.equal(parsePersonInput({ displayName: 'A', preferredLanguage: 'en', phone: '07700 900123' }, true).ok, true);
  });

  it('keeps an ethnic group (ONS 2021, or "prefer not to say") only with consent to keep it', () => {
    const base = { displayName: 'A', preferredLanguage: 'en' };
    const refused = parsePersonInput({ ...base, ethnicity: 'black_african' }, false, false);
    assert.deepEqual(refused.ok ? [] : refused.problems, [{ field: 'ethnicity', code: 'ethnicityNotConsented' }]);
    const kept = parsePersonInput({ ...base, ethnicity: 'prefer_not_to_say' }, false, true);
    assert.equal(kept.ok && kept.value.ethnicity, 'prefer_not_to_say');
    const notAsked = parsePersonInput({ ...base, ethnicity: 'not_said' }, false, false);
    assert.equal(notAsked.ok && notAsked.value.ethnicity, null);
    const bad = parsePersonInput({ ...base, ethnicity: 'asian' }, false, true);
    assert.deepEqual(bad.ok ? [] : bad.problems, [{ field: 'ethnicity', code: 'choiceInvalid' }]);
  });

  it('explains each mistake', () => {
    const r = parsePersonInput(
      { displayName: '', preferredLanguage: 'xx', otherLanguages: 'Sylheti', gender: 'unknown-value', email: 'nope' },
      true,
    );
    assert.deepEqual(r.ok ? [] : r.problems.map((p) => p.code), [
      'nameMissing',
      'languageInvalid',
      'otherLanguagesInvalid',
      'emailInvalid',
      'choiceInvalid',
    ]);
  });

  it('always includes the record itself in a store consent, and needs to know how consent was given', () => {
    assert.deepEqual(parseConsentInput({ scope: ['measures'], givenBy: 'written' }, 'store', '2026-03-02'), {
      ok: true,
      value: { kind: 'store', scope: ['record', 'measures'], givenBy: 'written', expiresOn: null },
    });
    const r = parseConsentInput({ scope: [], expiresOn: '2020-01-01' }, 'contact', '2026-03-02');
    assert.deepEqual(r.ok ? [] : r.problems.map((p) => p.code), ['scopeMissing', 'givenByMissing', 'dateInvalid']);
  });
});

describe('consent in force', () => {
  const at = new Date('2026-03-02T10:00:00Z');
  const consent = (over: Partial<Consent>): Consent => ({
    id: 'c',
    kind: 'contact',
    scope: ['email'],
    givenBy: 'verbal',
    recordedBy: null,
    grantedAt: at,
    expiresAt: null,
    withdrawnAt: null,
    ...over,
  });
  it('ignores withdrawn and ended consents', () => {
    assert.deepEqual(
      activeScopes(
        [
          consent({}),
          consent({ scope: ['text'], withdrawnAt: at }),
          consent({ scope: ['call'], expiresAt: new Date('2026-03-01T00:00:00Z') }),
        ],
        'contact',
        at,
      ),
      ['email'],
    );
  });
  it('says why a plan cannot be sent', () => {
    const person = {
      email: 'a@example.org',
      consents: [consent({ kind: 'store', scope: ['record', 'contact_details'] })],
    } as unknown as Person;
    assert.equal(planSendBlocker(person, at), 'noContactConsent');
    assert.equal(planSendBlocker({ ...person, consents: [...person.consents, consent({})] }, at), null);
    assert.equal(planSendBlocker({ ...person, email: null, consents: [...person.consents, consent({})] }, at), 'noEmail');
  });
});
