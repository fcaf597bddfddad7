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
import { isUuid, newId } from '../../platform/ids.ts';
import type { Measure, ScoreLine } from './measure-definitions.ts';
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

export interface PersonHeader {
  id: string;
  displayName: string;
  preferredLanguage: string;
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

export type RecordResult = { ok: true; value: { id: string; declined: boolean } } | { ok: false; problems: MeasureProblem[] };

const toStored = (r: {
  id: string;
  person_id: string;
  measure_id: string;
  occasion: 'baseline' | 'follow_up';
  occasion_date: string | Date;
  declined: boolean;
  scores: ScoreLine[] | string;
  recorded_at: Date;
}): StoredAdministration => ({
  id: r.id,
  personId: r.person_id,
  measureId: r.measure_id,
  occasion: r.occasion,
  occasionDate: dateText(r.occasion_date),
  declined: r.declined,
  scores: typeof r.scores === 'string' ? (JSON.parse(r.scores) as ScoreLine[]) : r.scores,
  recordedAt: r.recorded_at,
});

/** A `date` column as YYYY-MM-DD whichever way the driver returns it. */
function dateText(d: string | Date): string {
  if (typeof d === 'string') return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function measuresService(access: Access, registry: MeasureRegistry) {
  const notFound = () => new DomainError('NotFound', 'There is no such person.');
  const today = () => access.now().toISOString().slice(0, 10);

  /** The organisation holding the person's record (ids only), for the policy. */
  async function holder(personId: string): Promise<string> {
    if (!isUuid(personId)) throw notFound();
    const row = await access.lookup((db) =>
      db.selectFrom('person').select('organisation_id').where('id', '=', personId).executeTakeFirst(),
    );
    if (!row) throw notFound();
    return row.organisation_id;
  }

  function measureOrThrow(id: string): Measure {
    const m = registry.get(id);
    if (!m) throw new DomainError('NotFound', 'There is no such measure.');
    return m;
  }

  const header = async (trx: Parameters<Parameters<Access['run']>[3]>[0], personId: string): Promise<PersonHeader> => {
    const p = await trx
      .selectFrom('person')
      .select(['id', 'display_name', 'preferred_language'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    return { id: p.id, displayName: p.display_name, preferredLanguage: p.preferred_language };
  };

  return {
    /** The person's name and preferred language for the questionnaire (audited: it reads the record). */
    async personForForm(personId: string, measureId: string): Promise<PersonHeader> {
      measureOrThrow(measureId);
      const organisationId = await holder(personId);
      return access.run(
        'measure.record',
        { organisationId },
        { action: 'measure.form', subjectType: 'person', subjectId: personId, details: { measure: measureId } },
        (trx) => header(trx, personId),
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
        const person = await header(trx, personId);
        const rows = await trx
          .selectFrom('measure_administration as m')
          .leftJoin('staff_account as a', 'a.id', 'm.recorded_by')
          .selectAll('m')
          .select('a.name as recorded_by_name')
          .where('m.person_id', '=', personId)
          .orderBy('m.occasion_date')
          .orderBy('m.recorded_at')
          .execute();
        const records = rows.map((r) => ({
          ...toStored(r),
          measureVersion: r.measure_version,
          language: r.language,
          translationStatus: r.translation_status,
          mode: r.mode,
          explanationShown: r.explanation_shown,
          answers: typeof r.answers === 'string' ? (JSON.parse(r.answers) as Record<string, string>) : r.answers,
          recordedByName: r.recorded_by_name,
        }));
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
      await access.run(
        'measure.record',
        { organisationId },
        {
          subjectType: 'person',
          subjectId: personId,
          details: { measure: measure.id, administration: id, occasion: a.occasion, declined: a.declined },
        },
        async (trx, actor) => {
          await trx
            .insertInto('measure_administration')
            .values({
              id,
              person_id: personId,
              measure_id: measure.id,
              measure_version: measure.version,
              occasion: a.occasion,
              occasion_date: a.occasionDate,
              language: a.language,
              translation_status: measure.officialLanguages.includes(a.language) ? 'official' : 'unvalidated',
              mode: a.mode,
              explanation_shown: a.explanationShown,
              declined: a.declined,
              answers: JSON.stringify(a.declined ? {} : a.answers),
              scores: JSON.stringify(scores),
              recorded_by: actor.accountId,
              recorded_at: access.now(),
            })
            .execute();
        },
      );
      return { ok: true, value: { id, declined: a.declined } };
    },

    /** Area-wide figures (no personal data; small numbers hidden). Audited as a look at the figures. */
    summary(): Promise<MeasureSummary[]> {
      return access.run('measure.summary', {}, { subjectType: 'measure_summary', subjectId: null }, async (trx) => {
        const rows = await trx
          .selectFrom('measure_administration')
          .select(['id', 'person_id', 'measure_id', 'occasion', 'occasion_date', 'declined', 'scores', 'recorded_at'])
          .execute();
        return summarise(
          rows.map(toStored),
          registry.all.map((m) => ({ id: m.id, scoreIds: m.scores.map((s) => s.id) })),
        );
      });
    },
  };
}

export type MeasuresService = ReturnType<typeof measuresService>;
