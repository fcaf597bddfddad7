/**
 * Conversations in the database, and the directory's public service names
 * a conversation refers to. Called inside the policy-checked transactions of
 * conversation.service.ts.
 */
import type { Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { ConversationStatus, DB } from '../../platform/db/schema.ts';
import { readAnswers, type Answers } from './conversation-answers.ts';
import type { ChosenSuggestion } from './plan.ts';

export interface Conversation {
  id: string;
  status: ConversationStatus;
  language: string;
  answers: Answers;
  chosen: ChosenSuggestion[];
  /** The connector's notes for staff (column next_steps): never on the plan, printed, sent or at /my. */
  staffNotes: string | null;
  /** The connector's note written to the person, on their plan. */
  noteForPerson: string | null;
  nothingFittedAt: Date | null;
  startedAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  planSentAt: Date | null;
  erasedAt: Date | null;
}

function readChosen(v: unknown): ChosenSuggestion[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (c): c is ChosenSuggestion =>
      !!c &&
      typeof c === 'object' &&
      typeof c.serviceId === 'string' &&
      typeof c.name === 'string' &&
      typeof c.organizationName === 'string' &&
      Array.isArray(c.reasons),
  );
}

/** The person's latest conversation (null when none was started). */
export async function latestConversation(db: Executor, personId: string): Promise<Conversation | null> {
  const r = await db
    .selectFrom('conversation')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    language: r.language,
    answers: readAnswers(r.answers),
    chosen: readChosen(r.chosen),
    staffNotes: r.next_steps,
    noteForPerson: r.note_for_person,
    nothingFittedAt: r.nothing_fitted_at,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    planSentAt: r.plan_sent_at,
    erasedAt: r.erased_at,
  };
}

export async function insertDraft(
  trx: Transaction<DB>,
  c: { id: string; personId: string; answersFormat: number; answers: unknown; language: string; by: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('conversation')
    .values({
      id: c.id,
      person_id: c.personId,
      status: 'draft',
      answers_format: c.answersFormat,
      answers: JSON.stringify(c.answers),
      language: c.language,
      started_by: c.by,
      started_at: c.at,
      updated_by: c.by,
      updated_at: c.at,
    })
    .execute();
}

/** Who changed the conversation and when. */
export interface Touch {
  by: string;
  at: Date;
}
const touched = (t: Touch) => ({ updated_at: t.at, updated_by: t.by });

export async function saveAnswers(trx: Transaction<DB>, conversationId: string, answers: unknown, t: Touch): Promise<void> {
  await trx
    .updateTable('conversation')
    .set({ answers: JSON.stringify(answers), ...touched(t) })
    .where('id', '=', conversationId)
    .execute();
}

export async function markComplete(trx: Transaction<DB>, conversationId: string, t: Touch): Promise<void> {
  await trx
    .updateTable('conversation')
    .set({ status: 'complete', completed_at: t.at, completed_by: t.by, ...touched(t) })
    .where('id', '=', conversationId)
    .execute();
}

/** Notes when the shortlist first had nothing that fitted. */
export async function markNothingFitted(trx: Transaction<DB>, conversationId: string, t: Touch): Promise<void> {
  await trx
    .updateTable('conversation')
    .set({ nothing_fitted_at: t.at, ...touched(t) })
    .where('id', '=', conversationId)
    .execute();
}

export async function savePlan(
  trx: Transaction<DB>,
  conversationId: string,
  chosen: ChosenSuggestion[],
  notes: { noteForPerson: string | null; staffNotes: string | null },
  t: Touch,
): Promise<void> {
  await trx
    .updateTable('conversation')
    .set({ chosen: JSON.stringify(chosen), note_for_person: notes.noteForPerson, next_steps: notes.staffNotes, ...touched(t) })
    .where('id', '=', conversationId)
    .execute();
}

export async function markPlanSent(trx: Transaction<DB>, conversationId: string, by: string, at: Date): Promise<void> {
  await trx.updateTable('conversation').set({ plan_sent_at: at, plan_sent_by: by }).where('id', '=', conversationId).execute();
}

/** Up to 10 services whose names contain `q` (any case, taken literally), by name. */
export async function servicesNamed(db: Executor, q: string): Promise<{ id: string; name: string; organizationName: string }[]> {
  return db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.name', 'o.name as organizationName'])
    .where((eb) => eb(eb.fn('lower', ['s.name']), 'like', `%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`))
    .orderBy('s.name')
    .limit(10)
    .execute();
}

export async function serviceNames(db: Executor, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('service').select(['id', 'name']).where('id', 'in', ids).execute();
}
