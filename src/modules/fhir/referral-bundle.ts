/**
 * A referral as FHIR R4 resources, for NHS and other systems that speak
 * FHIR: one ServiceRequest for the need and one Task per attempt (per
 * service it was sent to), shaped after the Gravity SDOH Clinical Care
 * implementation guide (Task.status from its referral value set,
 * Task.businessStatus for the operational detail, Task.statusReason text
 * where Gravity requires it, re-routed attempts linked with partOf to the
 * request and `basedOn`), in a `collection` Bundle.
 *
 * Only what was shared leaves Belong: the Patient carries the chosen name
 * only when the name was shared (otherwise no name at all), never a date of
 * birth, address or identifier other than Belong's own random id.
 *
 * Codes: the NHS social-prescribing SNOMED CT concepts where they apply —
 * 871731000000106 "Referral to social prescribing service" on a request that
 * has been sent, 871711000000103 "Social prescribing declined" when the whole
 * request was declined by the person. Everything else uses Belong's own code
 * system (BELONG_CODES) so receivers can see exactly what we meant.
 */
import type * as R4 from 'fhir/r4.d.ts';
import { serviceRequestStatusFor, taskStatusFor, DECLINE_REASON_CODES, REASON_REQUIRED } from '../referrals/referral-fhir-status.ts';
import type { AttemptState, DeclineReason, NotTakenUpReason } from '../referrals/referral-states.ts';

export const SNOMED = 'http://snomed.info/sct';
export const BELONG_CODES = 'https://belong.invalid/fhir/CodeSystem/referral';
export const BELONG_IDS = 'https://belong.invalid/fhir/id';

export const SOCIAL_PRESCRIBING_REFERRAL = {
  system: SNOMED,
  code: '871731000000106',
  display: 'Referral to social prescribing service',
} as const;
export const SOCIAL_PRESCRIBING_DECLINED = { system: SNOMED, code: '871711000000103', display: 'Social prescribing declined' } as const;

export interface ReferralForExport {
  id: string;
  /** The need, in plain words. */
  need: string;
  createdAt: string;
  person: {
    id: string;
    /** Only when the name was shared. */ name: string | null;
    language: string | null;
    interpreterLanguage: string | null;
  };
  requester: { organisationId: string; organisationName: string };
  /** The person declined the whole referral (then the SNOMED "declined" code is added). */
  declinedByPerson?: boolean;
  attempts: readonly AttemptForExport[];
}

export interface AttemptForExport {
  id: string;
  state: AttemptState;
  service: { id: string; name: string };
  recipient: { organisationId: string; organisationName: string } | null;
  sentAt: string | null;
  updatedAt: string;
  declineReason?: DeclineReason | null;
  notTakenUpReason?: NotTakenUpReason | null;
  outcome?: string | null;
  note?: string | null;
  /** The attempt this one replaced (re-routing). */
  replaces?: string | null;
}

const ref = (type: string, id: string): R4.Reference => ({ reference: `${type}/${id}` });

function statusReasonText(a: AttemptForExport): string | null {
  if (a.state === 'declined')
    return a.declineReason === 'full'
      ? 'at capacity'
      : (a.declineReason ?? 'declined').replaceAll('_', ' ') + (a.note ? `: ${a.note}` : '');
  if (a.state === 'not_taken_up')
    return a.notTakenUpReason === 'could_not_reach' ? 'could not reach the person' : 'the person chose not to go';
  if (a.state === 'expired') return 'no response in time';
  if (a.state === 'redirected') return 'sent to another service';
  if (a.state === 'moved_area') return 'the person moved to another area';
  if (a.state === 'withdrawn') return a.note ?? 'withdrawn by the referrer';
  if (a.state === 'paused') return a.note ?? 'paused';
  return a.note ?? null;
}

export function taskFor(r: ReferralForExport, a: AttemptForExport): R4.Task {
  const m = taskStatusFor(a.state, { outcome: a.outcome ?? null, notTakenUpReason: a.notTakenUpReason ?? null });
  const reason = statusReasonText(a);
  const task: R4.Task = {
    resourceType: 'Task',
    id: a.id,
    identifier: [{ system: BELONG_IDS, value: a.id }],
    status: m.status,
    businessStatus: { coding: [{ system: BELONG_CODES, code: m.businessStatus }], text: m.businessStatus.replaceAll('-', ' ') },
    intent: 'order',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: ref('ServiceRequest', r.id),
    for: ref('Patient', r.person.id),
    authoredOn: a.sentAt ?? r.createdAt,
    lastModified: a.updatedAt,
    requester: ref('Organization', r.requester.organisationId),
    ...(a.recipient ? { owner: ref('Organization', a.recipient.organisationId) } : {}),
    ...(a.replaces
      ? { basedOn: [ref('ServiceRequest', r.id)], partOf: [ref('Task', a.replaces)] }
      : { basedOn: [ref('ServiceRequest', r.id)] }),
    input: [{ type: { text: 'service' }, valueReference: { ...ref('HealthcareService', a.service.id), display: a.service.name } }],
  };
  if (reason || REASON_REQUIRED.has(m.status)) {
    const code = a.state === 'declined' && a.declineReason ? DECLINE_REASON_CODES[a.declineReason] : undefined;
    task.statusReason = { ...(code ? { coding: [{ system: BELONG_CODES, code }] } : {}), text: reason ?? m.businessStatus };
  }
  return task;
}

export function serviceRequestFor(r: ReferralForExport): R4.ServiceRequest {
  const status = serviceRequestStatusFor(r.attempts.map((a) => a.state));
  const sent = r.attempts.some((a) => a.state !== 'draft');
  const codings = [...(sent ? [SOCIAL_PRESCRIBING_REFERRAL] : []), ...(r.declinedByPerson ? [SOCIAL_PRESCRIBING_DECLINED] : [])];
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    identifier: [{ system: BELONG_IDS, value: r.id }],
    status,
    intent: 'order',
    ...(codings.length ? { code: { coding: codings, text: r.need } } : { code: { text: r.need } }),
    subject: ref('Patient', r.person.id),
    authoredOn: r.createdAt,
    requester: ref('Organization', r.requester.organisationId),
    performer: r.attempts.filter((a) => a.recipient).map((a) => ref('Organization', a.recipient!.organisationId)),
    note: [{ text: r.need }],
  };
}

function patientFor(r: ReferralForExport): R4.Patient {
  const p: R4.Patient = { resourceType: 'Patient', id: r.person.id, identifier: [{ system: BELONG_IDS, value: r.person.id }] };
  if (r.person.name) p.name = [{ text: r.person.name }];
  if (r.person.language) {
    p.communication = [
      {
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: r.person.language }] },
        preferred: true,
      },
    ];
  }
  if (r.person.interpreterLanguage) {
    p.extension = [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired', valueBoolean: true }];
    // The language or dialect as the person names it (e.g. "Sylheti"), which a code may not capture.
    p.communication = [...(p.communication ?? []), { language: { text: r.person.interpreterLanguage }, preferred: !r.person.language }];
  }
  return p;
}

function organisations(r: ReferralForExport): R4.Organization[] {
  const byId = new Map<string, string>([[r.requester.organisationId, r.requester.organisationName]]);
  for (const a of r.attempts) if (a.recipient) byId.set(a.recipient.organisationId, a.recipient.organisationName);
  return [...byId].map(([id, name]): R4.Organization => ({ resourceType: 'Organization', id, name }));
}

/**
 * The whole referral as a FHIR R4 collection Bundle. `baseUrl` is the
 * deployment's FHIR base (e.g. https://belong.example.org/fhir): entries'
 * fullUrls are `<baseUrl>/<type>/<id>`, so the relative references inside
 * resolve within the Bundle.
 */
export function referralBundle(r: ReferralForExport, now: Date, baseUrl: string): R4.Bundle {
  const resources: R4.FhirResource[] = [serviceRequestFor(r), ...r.attempts.map((a) => taskFor(r, a)), patientFor(r), ...organisations(r)];
  const base = baseUrl.replace(/\/+$/, '');
  return {
    resourceType: 'Bundle',
    id: `referral-${r.id}`,
    type: 'collection',
    timestamp: now.toISOString(),
    entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource })),
  };
}
