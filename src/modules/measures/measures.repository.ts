/**
 * Measure administrations in the database (answer codes and the scores
 * computed from them when saved). Called inside the policy-checked
 * transactions of measures.service.ts.
 */
import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { ScoreLine } from './measure-definitions.ts';
import type { Mode } from './measure-answers.ts';
import type { StoredAdministration } from './measure-change.ts';

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

/** The person's name and preferred language, for the top of a measure's pages. */
export async function personHeader(db: Executor, personId: string) {
  const p = await db
    .selectFrom('person')
    .select(['id', 'display_name', 'preferred_language'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  return { id: p.id, displayName: p.display_name, preferredLanguage: p.preferred_language };
}

/** True when the person's consent to keep their measures (a 'store' consent with the 'measures' scope) is in force at `now`. */
export async function measuresConsentInForce(db: Executor, personId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('person_consent')
    .select('id')
    .where('person_id', '=', personId)
    .where('kind', '=', 'store')
    .where(sql<boolean>`'measures' = ANY(scope)`)
    .where('withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Everything recorded for the person, oldest first, with who recorded it. */
export async function administrationsOf(db: Executor, personId: string) {
  const rows = await db
    .selectFrom('measure_administration as m')
    .leftJoin('staff_account as a', 'a.id', 'm.recorded_by')
    .selectAll('m')
    .select('a.name as recorded_by_name')
    .where('m.person_id', '=', personId)
    .orderBy('m.occasion_date')
    .orderBy('m.recorded_at')
    .execute();
  return rows.map((r) => ({
    ...toStored(r),
    measureVersion: r.measure_version,
    language: r.language,
    translationStatus: r.translation_status,
    mode: r.mode as Mode,
    explanationShown: r.explanation_shown,
    answers: typeof r.answers === 'string' ? (JSON.parse(r.answers) as Record<string, string>) : r.answers,
    recordedByName: r.recorded_by_name,
  }));
}

/** Every administration of every person, as far as the area-wide figures need them. */
export async function allAdministrations(db: Executor): Promise<StoredAdministration[]> {
  const rows = await db
    .selectFrom('measure_administration')
    .select(['id', 'person_id', 'measure_id', 'occasion', 'occasion_date', 'declined', 'scores', 'recorded_at'])
    .execute();
  return rows.map(toStored);
}

export async function insertAdministration(
  trx: Transaction<DB>,
  a: {
    id: string;
    personId: string;
    measureId: string;
    measureVersion: string;
    occasion: 'baseline' | 'follow_up';
    occasionDate: string;
    language: string;
    translationStatus: 'official' | 'unvalidated';
    mode: Mode;
    explanationShown: boolean;
    declined: boolean;
    answers: Readonly<Record<string, string>>;
    scores: readonly ScoreLine[];
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('measure_administration')
    .values({
      id: a.id,
      person_id: a.personId,
      measure_id: a.measureId,
      measure_version: a.measureVersion,
      occasion: a.occasion,
      occasion_date: a.occasionDate,
      language: a.language,
      translation_status: a.translationStatus,
      mode: a.mode,
      explanation_shown: a.explanationShown,
      declined: a.declined,
      answers: JSON.stringify(a.answers),
      scores: JSON.stringify(a.scores),
      recorded_by: a.recordedBy,
      recorded_at: a.recordedAt,
    })
    .execute();
}
