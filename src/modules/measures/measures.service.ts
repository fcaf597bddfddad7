/**
 * Connection measures, policy-checked. Connectors of the organisation that
 * holds a person's record record measures and see that person's answers and
 * change over time; every read is audited under the person. Commissioners and
 * administrators get area-wide figures only (summary), never an individual's
 * answers.
 *
 * Scores are computed here, from the stored answer codes, when an
 * administration is saved: whatever a form sent is checked against the
 * measure's own codes first, and a score from the client is never accepted.
 */
import type { Access } from '../../platform/auth/access.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { holderOf } from '../people/people.service.ts';
import type { Measure } from './measure-definitions.ts';
import {
  checkAdministration,
  checkSetup,
  type Administration,
  type MeasureProblem,
  type Mode,
  type RawAdministration,
} from './measure-answers.ts';
import { summarise, type MeasureSummary, type StoredAdministration } from './measure-change.ts';
import type { MeasureRegistry } from './measure-registry.ts';
import {
  administrationsOf,
  allAdministrations,
  insertAdministration,
  measuresConsentInForce,
  personHeader,
} from './measures.repository.ts';

export interface PersonHeader {
  id: string;
  displayName: string;
  preferredLanguage: string;
  /** The person has agreed to their measures being kept (nothing is stored without it). */
  measuresConsent: boolean;
}

export interface AdministrationRecord extends StoredAdministration {
  measureVersion: string;
  language: string;
  translationStatus: 'official' | 'unvalidated';
  mode: Mode;
  explanationShown: boolean;
  answers: Readonly<Record<string, string>>;
  recordedByName: string | null;
}

export type RecordResult =
  | { ok: true; value: { id: string; declined: boolean } }
  /** `noConsent`: the person has not agreed to their measures being kept, so nothing was stored. */
  | { ok: false; problems: MeasureProblem[]; noConsent?: true };

export function measuresService(access: Access, registry: MeasureRegistry) {
  const today = () => access.now().toISOString().slice(0, 10);
  /** The organisation holding the person's record (ids only), for the policy. */
  const holder = (personId: string) => holderOf(access, personId);

  function measureOrThrow(id: string): Measure {
    const m = registry.get(id);
    if (!m) throw new DomainError('NotFound', 'There is no such measure.');
    return m;
  }

  return {
    /** The person's name and preferred language for the questionnaire (audited: it reads the record). */
    async personForForm(personId: string, measureId: string): Promise<PersonHeader> {
      measureOrThrow(measureId);
      const organisationId = await holder(personId);
      return access.run(
        'measure.record',
        { organisationId },
        { action: 'measure.form', subjectType: 'person', subjectId: personId, details: { measure: measureId } },
        async (trx): Promise<PersonHeader> => ({
          ...(await personHeader(trx, personId)),
          measuresConsent: await measuresConsentInForce(trx, personId, access.now()),
        }),
      );
    },

    /** Checks the first step (occasion, date, mode, language) without saving anything. */
    checkSetup(measureId: string, raw: Omit<RawAdministration, 'answers' | 'declined' | 'explanation'>): MeasureProblem[] {
      return checkSetup(measureOrThrow(measureId), raw, today());
    },

    /** Everything recorded for the person, oldest first (audited). */
    async history(personId: string): Promise<{ person: PersonHeader; records: AdministrationRecord[] }> {
      const organisationId = await holder(personId);
      return access.run('measure.view', { organisationId }, { subjectType: 'person', subjectId: personId }, async (trx) => {
        const person: PersonHeader = {
          ...(await personHeader(trx, personId)),
          measuresConsent: await measuresConsentInForce(trx, personId, access.now()),
        };
        const records: AdministrationRecord[] = await administrationsOf(trx, personId);
        return { person, records };
      });
    },

    /** Checks and saves one administration (or a declined offer), scoring it here. */
    async record(personId: string, measureId: string, raw: RawAdministration): Promise<RecordResult> {
      const measure = measureOrThrow(measureId);
      const organisationId = await holder(personId);
      const checked = checkAdministration(measure, raw, today());
      if (!checked.ok) {
        // Still ask the policy, so someone without the right learns nothing from the form's checks.
        await access.run('measure.record', { organisationId }, null, async () => undefined);
        return { ok: false, problems: checked.problems };
      }
      const a: Administration = checked.value;
      const scores = a.declined ? [] : measure.score(a.answers);
      const id = newId();
      const stored = await access.run(
        'measure.record',
        { organisationId },
        {
          subjectType: 'person',
          subjectId: personId,
          details: { measure: measure.id, administration: id, occasion: a.occasion, declined: a.declined },
        },
        async (trx, actor) => {
          // Answers are kept only with the person's consent to keep measures (an offer they declined keeps no answers).
          if (!a.declined && !(await measuresConsentInForce(trx, personId, access.now()))) return false;
          await insertAdministration(trx, {
            id,
            personId,
            measureId: measure.id,
            measureVersion: measure.version,
            occasion: a.occasion,
            occasionDate: a.occasionDate,
            language: a.language,
            translationStatus: measure.officialLanguages.includes(a.language) ? 'official' : 'unvalidated',
            mode: a.mode,
            explanationShown: a.explanationShown,
            declined: a.declined,
            answers: a.declined ? {} : a.answers,
            scores,
            recordedBy: actor.accountId,
            recordedAt: access.now(),
          });
          return true;
        },
      );
      if (!stored) return { ok: false, problems: [], noConsent: true };
      return { ok: true, value: { id, declined: a.declined } };
    },

    /** Area-wide figures (no personal data; small numbers hidden). Audited as a look at the figures. */
    summary(): Promise<MeasureSummary[]> {
      return access.run('measure.summary', {}, { subjectType: 'measure_summary', subjectId: null }, async (trx) => {
        return summarise(
          await allAdministrations(trx),
          registry.all.map((m) => ({ id: m.id, scoreIds: m.scores.map((s) => s.id) })),
        );
      });
    },
  };
}

export type MeasuresService = ReturnType<typeof measuresService>;
