import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkPassphrase,
  contentsSchema,
  newPackageId,
  openPackage,
  PACKAGE_VERSION,
  scopeOf,
  sealPackage,
  type HandoverContents,
} from './handover-package.ts';

const PASS = 'green kettle river 42';

export function sampleContents(overrides: Partial<HandoverContents> = {}): HandoverContents {
  return {
    format: 'belong-handover',
    version: PACKAGE_VERSION,
    packageId: newPackageId(),
    exportedAt: '2026-03-02T09:00:00.000Z',
    fromOrganisation: 'Oak Lane Surgery',
    scope: ['record', 'conversation', 'plan', 'measures', 'referrals'],
    person: {
      displayName: 'Amina',
      preferredLanguage: 'ar',
      otherLanguages: ['en'],
      englishOk: false,
      interpreterNeeded: true,
      interpreterLanguage: 'Arabic (Sudanese)',
      contactMethod: 'phone',
      phone: null,
      email: null,
      safeToCall: true,
      safeToText: false,
      safeToLeaveMessage: null,
      area: 'LS1',
      outcode: 'LS1',
      gender: 'woman',
      ageBand: '25_49',
    },
    conversation: { answersFormat: 1, answers: { matters: ['meet_people'] }, language: 'ar', completedAt: '2026-02-01T10:00:00.000Z' },
    plan: { chosen: [{ serviceId: 'x', name: 'Tuesday tea' }], nextSteps: 'Ring on Monday' },
    measures: [
      {
        measureId: 'belonging',
        measureVersion: '1',
        occasion: 'baseline',
        occasionDate: '2026-02-01',
        language: 'ar',
        translationStatus: 'unvalidated',
        mode: 'self',
        explanationShown: true,
        declined: false,
        answers: { belonging: 'fairly_strongly' },
        scores: [{ id: 'belonging', value: 3 }],
      },
    ],
    referrals: [
      {
        need: 'Meet other women',
        createdAt: '2026-02-02T10:00:00.000Z',
        attempts: [
          {
            serviceName: 'Tuesday tea',
            orukServiceId: newPackageId(),
            state: 'moved_area',
            sentAt: '2026-02-02T10:00:00.000Z',
            events: [{ at: '2026-02-02T10:00:00.000Z', type: 'send', from: 'draft', to: 'sent' }],
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('hand-over package', () => {
  it('round-trips: what is sealed with a passphrase opens with it, unchanged', async () => {
    const contents = sampleContents();
    const file = await sealPackage(contents, PASS);
    assert.ok(!file.includes('Amina'), 'the file does not carry the contents in the clear');
    const opened = await openPackage(file, PASS);
    assert.deepEqual(opened, { ok: true, contents });
  });

  it('says the passphrase is wrong (not that the file is broken) for a wrong passphrase', async () => {
    const file = await sealPackage(sampleContents(), PASS);
    assert.deepEqual(await openPackage(file, 'green kettle river 43'), { ok: false, error: 'wrong_passphrase' });
  });

  it('detects a changed file: the sealed data, the tag, or the header', async () => {
    const file = await sealPackage(sampleContents(), PASS);
    const env = JSON.parse(file);
    const data = Buffer.from(env.data, 'base64');
    data[5] = data[5]! ^ 1;
    assert.equal((await openPackage(JSON.stringify({ ...env, data: data.toString('base64') }), PASS)).ok, false);
    assert.deepEqual(await openPackage(JSON.stringify({ ...env, data: data.toString('base64') }), PASS), { ok: false, error: 'tampered' });
    const tag = Buffer.from(env.tag, 'base64');
    tag[0] = tag[0]! ^ 1;
    assert.deepEqual(await openPackage(JSON.stringify({ ...env, tag: tag.toString('base64') }), PASS), { ok: false, error: 'tampered' });
    const iv = Buffer.from(env.iv, 'base64');
    iv[0] = iv[0]! ^ 1;
    assert.deepEqual(await openPackage(JSON.stringify({ ...env, iv: iv.toString('base64') }), PASS), { ok: false, error: 'tampered' });
  });

  it('refuses a package of another version, and things that are not packages', async () => {
    const env = JSON.parse(await sealPackage(sampleContents(), PASS));
    assert.deepEqual(await openPackage(JSON.stringify({ ...env, version: 2 }), PASS), {
      ok: false,
      error: 'unsupported_version',
      detail: '2',
    });
    assert.deepEqual(await openPackage('not json', PASS), { ok: false, error: 'not_a_package' });
    assert.deepEqual(await openPackage(JSON.stringify({ hello: 'world' }), PASS), { ok: false, error: 'not_a_package' });
    assert.deepEqual(await openPackage(JSON.stringify({ ...env, kdf: { ...env.kdf, N: 2 ** 24 } }), PASS), {
      ok: false,
      error: 'not_a_package',
    });
  });

  it('refuses to seal contents of the wrong shape', async () => {
    const bad = sampleContents({ measures: [{ ...sampleContents().measures[0]!, occasionDate: '1 March' }] });
    await assert.rejects(() => sealPackage(bad, PASS));
    assert.equal(contentsSchema.safeParse(sampleContents()).success, true);
  });

  it('carries their own language when the pages have none, and still opens packages made before it was kept', async () => {
    const cantonese = sampleContents({ person: { ...sampleContents().person, preferredLanguage: 'en', spokenLanguage: 'yue' } });
    const opened = await openPackage(await sealPackage(cantonese, PASS), PASS);
    assert.deepEqual(opened, { ok: true, contents: cantonese });
    assert.equal(contentsSchema.safeParse(sampleContents()).success, true, 'no spokenLanguage at all');
    const bad = sampleContents({ person: { ...sampleContents().person, spokenLanguage: 'Cantonese' } });
    assert.equal(contentsSchema.safeParse(bad).success, false);
  });

  it('builds the scope with the record first and only known parts', () => {
    assert.deepEqual(scopeOf(['measures', 'nonsense', 'conversation']), ['record', 'conversation', 'measures']);
    assert.deepEqual(scopeOf([]), ['record']);
  });

  it('asks for a passphrase of at least 12 characters, typed twice the same', () => {
    assert.equal(checkPassphrase('short', 'short'), 'too_short');
    assert.equal(checkPassphrase(PASS, `${PASS}x`), 'mismatch');
    assert.equal(checkPassphrase(PASS, PASS), null);
  });
});
