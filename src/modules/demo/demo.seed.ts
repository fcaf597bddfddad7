/**
 * Loads the demo area (see demo-area.ts) into the directory, so a new
 * installation shows a realistic neighbourhood from the first start.
 *
 * Idempotent: ids are name-based, so a second run updates the same rows
 * instead of adding copies. Graphs are saved in batches, one transaction per
 * batch, so a failure leaves whole services or nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { saveServiceGraphs } from '../directory/directory.service.ts';
import { parseServiceGraph, type ServiceGraph } from '../directory/service-graph.ts';
import { buildDemoArea, DEMO_SEED, type DemoOptions } from './demo-area.ts';
import { seedDemoTranslations } from './demo-translations.ts';
import { buildDemoActivity } from './demo-activity.ts';
import { demoActivityLoaded, demoServices, insertDemoActivity } from './demo-activity.repository.ts';

export interface DemoSeedSummary {
  organizations: number;
  services: number;
  locations: number;
  /** Services that were new this time (0 on a repeat run). */
  created: number;
  /** Services already there and updated in place. */
  updated: number;
}

const BATCH = 100;

/** Save the demo area; safe to run again. */
export async function seedDemoArea(db: Kysely<DB>, opts: DemoOptions & { seed?: number } = {}): Promise<DemoSeedSummary> {
  const graphs: ServiceGraph[] = buildDemoArea(opts.seed ?? DEMO_SEED, opts).map((g) => {
    const parsed = parseServiceGraph(g);
    if (!parsed.ok) throw new Error(`Demo service "${g.service.name}" is not valid: ${parsed.errors.join('; ')}`);
    return parsed.value;
  });
  let created = 0;
  for (let i = 0; i < graphs.length; i += BATCH) {
    const batch = graphs.slice(i, i + BATCH);
    const results = await saveServiceGraphs(db, batch, 'demo');
    created += results.filter((r) => r.created).length;
  }
  await seedDemoTranslations(db, graphs);
  return {
    organizations: new Set(graphs.map((g) => g.organization.id)).size,
    services: graphs.length,
    locations: new Set(graphs.flatMap((g) => g.locations.map((l) => l.id))).size,
    created,
    updated: graphs.length - created,
  };
}

export interface DemoActivitySummary {
  /** False when it was already there (nothing added). */
  loaded: boolean;
  people: number;
  referrals: number;
  measures: number;
  feedback: number;
}

/**
 * Add the demo's simulated year of activity (made-up people, referrals through
 * every state, measures, feedback, and a made-up population baseline) to the
 * demo area, in one transaction; does nothing when it is already there.
 * Deterministic for a given `today`.
 */
export async function seedDemoActivity(db: Kysely<DB>, opts: { today?: string } = {}): Promise<DemoActivitySummary> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    if (await demoActivityLoaded(trx)) return { loaded: false, people: 0, referrals: 0, measures: 0, feedback: 0 };
    const activity = buildDemoActivity(await demoServices(trx), today);
    await insertDemoActivity(trx, activity, new Date());
    return {
      loaded: true,
      people: new Set(activity.referrals.map((r) => r.person.label)).size,
      referrals: activity.referrals.length,
      measures: activity.measures.length,
      feedback: activity.feedback.length,
    };
  });
}
