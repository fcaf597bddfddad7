import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as R4 from 'fhir/r4.d.ts';
import { GRAVITY_TASK_STATUSES, REASON_REQUIRED } from '../referrals/referral-fhir-status.ts';
import { ATTEMPT_STATES } from '../referrals/referral-states.ts';
import { referralBundle, SOCIAL_PRESCRIBING_DECLINED, SOCIAL_PRESCRIBING_REFERRAL, type ReferralForExport } from './referral-bundle.ts';

const referral: ReferralForExport = {
  id: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0001',
  need: 'Meet other Bengali-speaking mums nearby',
  createdAt: '2026-11-02T10:00:00.000Z',
  person: { id: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0002', name: 'Rumana', language: 'bn', interpreterLanguage: 'Sylheti' },
  requester: { organisationId: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0003', organisationName: 'Oak Lane Surgery' },
  attempts: [
    {
      id: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0010',
      state: 'declined',
      declineReason: 'full',
      service: { id: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0020', name: 'Tuesday women’s group' },
      recipient: { organisationId: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0030', organisationName: 'Girlington Women’s Centre' },
      sentAt: '2026-11-02T10:05:00.000Z',
      updatedAt: '2026-11-03T09:00:00.000Z',
    },
    {
      id: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0011',
      state: 'attending',
      service: { id: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0021', name: 'Stay and play' },
      recipient: { organisationId: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0031', organisationName: 'Manningham Children’s Centre' },
      sentAt: '2026-11-03T10:00:00.000Z',
      updatedAt: '2026-11-10T12:00:00.000Z',
      replaces: '6f1c1c36-3e0b-4b8a-9a55-2f4a2d0f0010',
    },
  ],
};

const resources = (b: R4.Bundle) => (b.entry ?? []).map((e) => e.resource!);
const ofType = <T extends R4.FhirResource['resourceType']>(b: R4.Bundle, t: T) =>
  resources(b).filter((r) => r.resourceType === t) as Extract<R4.FhirResource, { resourceType: T }>[];

describe('a referral as FHIR R4 (Gravity-shaped)', () => {
  const bundle = referralBundle(referral, new Date('2026-11-22T12:00:00Z'), 'https://belong.example.org/fhir/');

  it('is a collection of one ServiceRequest, a Task per attempt, the Patient and the organisations, with resolvable fullUrls', () => {
    assert.equal(bundle.type, 'collection');
    assert.equal(ofType(bundle, 'ServiceRequest').length, 1);
    assert.equal(ofType(bundle, 'Task').length, 2);
    assert.equal(ofType(bundle, 'Patient').length, 1);
    assert.equal(ofType(bundle, 'Organization').length, 3);
    const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
    for (const e of bundle.entry!) assert.equal(e.fullUrl, `https://belong.example.org/fhir/${e.resource!.resourceType}/${e.resource!.id}`);
    // Every reference inside points at an entry of the bundle.
    const refs = JSON.stringify(bundle)
      .match(/"reference":"([^"]+)"/g)!
      .map((m) => m.slice(13, -1));
    for (const r of refs)
      assert.ok(urls.has(`https://belong.example.org/fhir/${r}`) || r.startsWith('HealthcareService/'), `unresolved ${r}`);
  });

  it('codes the request with the NHS social-prescribing SNOMED concept and keeps it active while an attempt is live', () => {
    const sr = ofType(bundle, 'ServiceRequest')[0]!;
    assert.equal(sr.status, 'active');
    assert.deepEqual(sr.code?.coding, [SOCIAL_PRESCRIBING_REFERRAL]);
    assert.equal(sr.code?.text, referral.need);
    const declined = referralBundle(
      { ...referral, declinedByPerson: true, attempts: [{ ...referral.attempts[0]!, state: 'withdrawn', note: 'Person asked' }] },
      new Date(),
      'https://x',
    );
    assert.deepEqual(ofType(declined, 'ServiceRequest')[0]!.code?.coding, [SOCIAL_PRESCRIBING_REFERRAL, SOCIAL_PRESCRIBING_DECLINED]);
    assert.equal(ofType(declined, 'ServiceRequest')[0]!.status, 'revoked');
  });

  it('maps the declined attempt to rejected "at capacity" and links the re-routed one to it', () => {
    const [first, second] = ofType(bundle, 'Task');
    assert.equal(first!.status, 'rejected');
    assert.equal(first!.statusReason?.text, 'at capacity');
    assert.equal(first!.statusReason?.coding?.[0]?.code, 'no-capacity');
    assert.equal(second!.status, 'in-progress');
    assert.equal(second!.businessStatus?.coding?.[0]?.code, 'attended');
    assert.deepEqual(second!.partOf, [{ reference: `Task/${referral.attempts[0]!.id}` }]);
    assert.deepEqual(second!.focus, { reference: `ServiceRequest/${referral.id}` });
    assert.deepEqual(second!.owner, { reference: `Organization/${referral.attempts[1]!.recipient!.organisationId}` });
  });

  it('gives every state a Gravity status, with reason text wherever Gravity requires it', () => {
    for (const state of ATTEMPT_STATES) {
      const b = referralBundle(
        {
          ...referral,
          attempts: [{ ...referral.attempts[0]!, state, declineReason: 'not_eligible', notTakenUpReason: 'could_not_reach' }],
        },
        new Date(),
        'https://x',
      );
      const task = ofType(b, 'Task')[0]!;
      assert.ok(GRAVITY_TASK_STATUSES.includes(task.status as never), `${state}: ${task.status}`);
      if (REASON_REQUIRED.has(task.status as never)) assert.ok(task.statusReason?.text, `${state} needs statusReason text`);
    }
  });

  it('sends only what was shared: no name unless shared, never a birth date, address or other identifier', () => {
    const patient = ofType(bundle, 'Patient')[0]!;
    assert.deepEqual(patient.name, [{ text: 'Rumana' }]);
    assert.equal(patient.birthDate, undefined);
    assert.equal(patient.address, undefined);
    assert.deepEqual(
      patient.identifier?.map((i) => i.system),
      ['https://belong.invalid/fhir/id'],
    );
    assert.ok(
      patient.communication?.some((c) => c.language.text === 'Sylheti'),
      'the interpreter dialect travels',
    );
    const anonymous = ofType(
      referralBundle({ ...referral, person: { ...referral.person, name: null } }, new Date(), 'https://x'),
      'Patient',
    )[0]!;
    assert.equal(anonymous.name, undefined);
  });
});
