/**
 * node --import tsx bench/match-profile.ts [--engine pglite|postgres] [--db NAME] [--people N] [--services N]
 *
 * Where matching's time goes, per person, on a database kept by
 * `bench/match-bench.ts --reuse` (same --db and --services): the SQL
 * prefilter (candidateIds), reading the candidates (loadCandidates), the
 * ranking in JS (rankCandidates) and, when nothing fits, countRuledOut; then
 * the slowest people and the mean time by shape of person.
 */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { rankCandidates } from '../src/modules/matching/match-rank.ts';
import type { MatchRequest } from '../src/modules/matching/match-request.ts';
import { candidateIds, countRuledOut, loadCandidates } from '../src/modules/matching/match.repository.ts';
import { londonDate } from '../src/modules/matching/match.service.ts';
import type { DB } from '../src/platform/db/schema.ts';
import type { Engine } from '../src/platform/db/database.ts';
import { openMatchBenchDatabase } from './match-bench-database.ts';
import { benchPeople } from './match-people.ts';
import { percentile } from './search-bench.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    db: { type: 'string', default: 'belong_match_bench' },
    people: { type: 'string', default: '300' },
    services: { type: 'string', default: '100000' },
  },
});
const engine = values.engine as Engine;
const pgUrl = process.env.BENCH_PG_URL ?? process.env.BELONG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const bench = await openMatchBenchDatabase(engine, pgUrl, values.db, { reuse: true, services: Number(values.services) });
if (!bench.loaded) {
  console.error(
    `No kept database ${values.db} with ${values.services} services: run bench/match-bench.ts --reuse --db ${values.db} first.`,
  );
  await bench.dispose();
  process.exit(2);
}
const db = bench.database.db as Kysely<DB>;
const today = londonDate(new Date('2026-03-10T12:00:00Z'));

interface Row {
  person: MatchRequest;
  ids: number;
  tIds: number;
  tLoad: number;
  tRank: number;
  tCount: number;
  total: number;
}

async function profile(p: MatchRequest): Promise<Row> {
  const t0 = performance.now();
  const t1 = performance.now();
  const ids = await candidateIds(db, p, today);
  const t2 = performance.now();
  const candidates = await loadCandidates(db, ids, today);
  const t3 = performance.now();
  const ranked = rankCandidates(p, candidates, { today });
  const t4 = performance.now();
  if (!ranked.suggestions.length) await countRuledOut(db, p, today);
  const t5 = performance.now();
  return { person: p, ids: ids.length, tIds: t2 - t1, tLoad: t3 - t2, tRank: t4 - t3, tCount: t5 - t4, total: t5 - t0 };
}

for (const p of benchPeople(30, 7)) await profile(p);
const rows: Row[] = [];
for (const p of benchPeople(Number(values.people), 2026)) rows.push(await profile(p));

const f = (n: number) => n.toFixed(1).padStart(7);
const line = (label: string, rs: Row[]) => {
  if (!rs.length) return;
  const mean = (k: keyof Row) => rs.reduce((a, r) => a + (r[k] as number), 0) / rs.length;
  console.log(
    `${label.padEnd(28)} ${String(rs.length).padStart(5)} ${f(
      percentile(
        rs.map((r) => r.total),
        50,
      ),
    )} ${f(
      percentile(
        rs.map((r) => r.total),
        95,
      ),
    )} ${f(mean('tIds'))} ${f(mean('tLoad'))} ${f(mean('tRank'))} ${f(mean('tCount'))} ${f(mean('ids'))}`,
  );
};
console.log(`${engine}: ${values.people} people`);
console.log(`${'shape'.padEnd(28)}     n     p50     p95     ids    load    rank   count  #cands (means in ms)`);
line('all', rows);
const remote = (r: Row) => r.person.modes.some((m) => m !== 'in_person');
line(
  'in person only',
  rows.filter((r) => !remote(r)),
);
line('phone/online (any)', rows.filter(remote));
line(
  'phone/online only',
  rows.filter((r) => !r.person.modes.includes('in_person')),
);
line(
  'in person + remote',
  rows.filter((r) => remote(r) && r.person.modes.includes('in_person')),
);
line(
  'remote, with interests',
  rows.filter((r) => remote(r) && r.person.interests.length > 0),
);
line(
  'remote, no interests',
  rows.filter((r) => remote(r) && r.person.interests.length === 0),
);
line(
  'not content with English',
  rows.filter((r) => !r.person.englishOk),
);
line(
  'needs interpreter',
  rows.filter((r) => r.person.interpreterNeeded),
);
line(
  'complex needs',
  rows.filter((r) => r.person.complexNeeds),
);
line(
  'unavailable times',
  rows.filter((r) => r.person.unavailable.length > 0),
);
line(
  'reach 8 km or none',
  rows.filter((r) => (r.person.maxDistanceMetres ?? 30000) >= 8000),
);
line(
  'nothing fits (count ran)',
  rows.filter((r) => r.tCount > 0.05),
);
console.log('\nslowest:');
for (const r of [...rows].sort((a, b) => b.total - a.total).slice(0, 12)) {
  const p = r.person;
  console.log(
    `${f(r.total)} ms  ids ${f(r.tIds)} load ${f(r.tLoad)} rank ${f(r.tRank)} count ${f(r.tCount)}  ${r.ids} cands  modes=${p.modes.join('+')} langs=${p.languages.join(',')} enOk=${p.englishOk} interp=${p.interpreterNeeded} interests=${p.interests.length} reach=${p.maxDistanceMetres} cost=${p.costLimit} complex=${p.complexNeeds}`,
  );
}
await bench.dispose();
