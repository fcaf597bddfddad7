/**
 * Unmet needs: when nothing fits a person, an anonymous record of what could
 * not be met, for commissioners (migration 0010). Nothing in it points back
 * to the person: no id, no name, no free text, only the outward code of
 * their area ("BD8") and coded needs and rules.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { parsePostcode } from '../geo/postcodes.ts';
import type { Preference } from './match-preferences.ts';
import type { MatchRequest } from './match-request.ts';
import { HARD_RULES, type HardRule, type RuledOut } from './match-rules.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** A must as a need code ("must:creche", "must:gender_setting:women_only", "must:language:yue"). */
export function mustCode(p: Preference): string {
  const value =
    p.kind === 'gender_setting'
      ? p.value
      : p.kind === 'access'
        ? p.feature
        : p.kind === 'cost'
          ? p.limit
          : p.kind === 'language'
            ? p.code
            : p.kind === 'audience'
              ? p.audience
              : p.kind === 'mode'
                ? p.modes.join('+')
                : null;
  return value ? `must:${p.kind}:${value}` : `must:${p.kind}`;
}

/**
 * The person's needs as codes, for counting: languages they need (when not
 * content with English), an interpreter, cost, vetted groups, kinds of
 * activity, what they would like, practical help, only by phone or online,
 * and the musts they asked for.
 */
export function needCodes(r: MatchRequest): string[] {
  const needs: string[] = [];
  if (!r.englishOk || r.interpreterNeeded) for (const l of r.languages) needs.push(`language:${l.toLowerCase()}`);
  if (r.interpreterNeeded) needs.push('interpreter');
  if (r.costLimit !== 'any') needs.push(`cost:${r.costLimit}`);
  if (r.complexNeeds) needs.push('vetted');
  // Who the person is (their gender, their age) is never a need: only what they asked for.
  for (const p of r.preferences ?? []) if (p.must) needs.push(mustCode(p));
  for (const k of r.interests) needs.push(`kind:${k}`);
  for (const w of r.wants) needs.push(`want:${w}`);
  if (r.needsChildcare) needs.push('help:childcare');
  if (r.needsTransport) needs.push('help:transport');
  if (r.needsAccompaniment) needs.push('help:accompany');
  if (r.prefersDropIn) needs.push('help:drop_in');
  if (!r.modes.includes('in_person')) needs.push('remote_only');
  if (r.unavailable.length) needs.push('times');
  return [...new Set(needs)];
}

/** The outward code of a postcode or outward code ("bd8 7aa" → "BD8"); null for anything else. */
export const outcodeOf = (area: string | null | undefined): string | null => (area ? (parsePostcode(area)?.outcode ?? null) : null);

export interface UnmetNeedInput {
  /** The staff organisation whose connector looked (null when not known). */
  organisationId: string | null;
  /** A postcode or outward code; only its outward code is kept. */
  outcode: string | null;
  request: MatchRequest;
  ruledOut: RuledOut;
  at: Date;
}

/** Store the anonymous record; returns its id. */
export async function recordUnmetNeed(db: Executor, input: UnmetNeedInput): Promise<string> {
  const id = newId();
  const rules = HARD_RULES.filter((r) => input.ruledOut[r] > 0);
  await db
    .insertInto('unmet_need')
    .values({
      id,
      organisation_id: input.organisationId,
      outcode: outcodeOf(input.outcode),
      needs: needCodes(input.request),
      rules,
      recorded_at: input.at,
    })
    .execute();
  return id;
}

export interface UnmetNeedSummary {
  total: number;
  byArea: { outcode: string | null; count: number }[];
  byNeed: { need: string; count: number }[];
  byRule: { rule: HardRule; count: number }[];
}

/** Counts over the period [from, to): by area, by need and by rule. Aggregates only. */
export async function summariseUnmetNeeds(db: Executor, period: { from: Date; to: Date }): Promise<UnmetNeedSummary> {
  const inPeriod = db.selectFrom('unmet_need').where('recorded_at', '>=', period.from).where('recorded_at', '<', period.to);
  const [total, byArea, byNeed, byRule] = await Promise.all([
    inPeriod.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    inPeriod
      .select(['outcode', sql<string>`count(*)`.as('n')])
      .groupBy('outcode')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('outcode')
      .execute(),
    inPeriod
      .select([sql<string>`unnest(needs)`.as('need'), sql<string>`count(*)`.as('n')])
      .groupBy(sql`1`)
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`1`)
      .execute(),
    inPeriod
      .select([sql<string>`unnest(rules)`.as('rule'), sql<string>`count(*)`.as('n')])
      .groupBy(sql`1`)
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`1`)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    byArea: byArea.map((r) => ({ outcode: r.outcode, count: Number(r.n) })),
    byNeed: byNeed.map((r) => ({ need: r.need, count: Number(r.n) })),
    byRule: byRule.map((r) => ({ rule: r.rule as HardRule, count: Number(r.n) })),
  };
}
