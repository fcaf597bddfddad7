/**
 * The mix of searches the benchmark runs: what people and connectors
 * actually ask the directory, as ORUK query parameters.
 *
 * Words (some misspelt), a postcode with or without a radius, Belong
 * vocabulary filters (taxonomy_term_id), day and time filters, and the
 * combinations a link worker would use. Deterministic for a seed, so both
 * engines answer exactly the same questions.
 */
import { termId } from '../src/modules/directory/vocabulary.ts';
import { createRng, type Rng } from '../src/modules/demo/prng.ts';

export type QueryKind = 'words' | 'typo' | 'place' | 'terms' | 'day' | 'combined';

export interface BenchQuery {
  kind: QueryKind;
  params: Record<string, string>;
}

/** Words people type, matching the demo vocabulary's names and descriptions. */
export const WORDS = [
  'conversation café',
  'walking football',
  'sewing',
  'lunch club',
  'befriending',
  'counselling',
  'youth club',
  'women',
  'english',
  'gardening',
  'housing advice',
  'chat and tea',
  'computer help',
  'choir',
  'food pantry',
  'swimming',
  'knit and natter',
  'carers',
  'immigration advice',
  'stay and play',
  'men',
  'art',
  'cooking',
  'bereavement',
  'debt',
  'walk',
  'yoga',
  'community lunch',
  'asylum',
  'mental health',
];

/** The same, as people misspell them (caught by trigram similarity on names). */
export const TYPOS = [
  'walkng footbal',
  'convresation cafe',
  'sewng circle',
  'counseling',
  'befrending',
  'gardning',
  'luch club',
  'yuoth club',
  'womens sewing',
  'choire',
  'englsh conversation',
  'knit and nater',
  'bereavment cafe',
  'cofee morning',
];

const TERM_CODES = [
  'gender:women_only',
  'gender:men_only',
  'cost:free',
  'cost:low_cost',
  'entry:drop_in',
  'entry:self_referral',
  'support:informal_english',
  'support:befriending',
  'support:sport',
  'support:advice',
  'support:peer_support',
  'help:childcare',
  'help:transport_offered',
  'help:interpreter_available',
  'help:accompany_first_visit',
  'food:halal',
  'food:vegetarian',
  'mode:online',
  'mode:phone',
  'faith:faith_friendly',
  'capacity:places_available',
  'vetting:vetted',
];

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const RADII = ['1000', '2000', '3000', '5000', '10000'];

function terms(rng: Rng): string {
  const n = rng.weighted([
    [1, 6],
    [2, 3],
    [3, 1],
  ] as const);
  return rng.sample(TERM_CODES, n).map(termId).join(',');
}

function place(rng: Rng, postcodes: readonly string[], params: Record<string, string>, radiusChance: number): void {
  params.postcode = rng.pick(postcodes);
  if (rng.chance(radiusChance)) params.proximity = rng.pick(RADII);
}

function timeWindow(rng: Rng, params: Record<string, string>): void {
  params.day = rng.pick(DAYS);
  if (rng.chance(0.4)) {
    const [start, end] = rng.pick([
      ['09:00', '13:00'],
      ['12:00', '17:00'],
      ['17:00', '22:00'],
      ['10:00', '16:00'],
    ] as const);
    params.start_time = start;
    params.end_time = end;
  }
}

/**
 * `count` searches. `postcodes` are codes the application's postcode lookup
 * knows (full postcodes or outward codes) around which data was loaded.
 */
export function buildQueryMix(count: number, postcodes: readonly string[], seed = 42): BenchQuery[] {
  if (!postcodes.length) throw new Error('The query mix needs at least one known postcode.');
  const rng = createRng(seed);
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted<QueryKind>([
      ['words', 20],
      ['typo', 10],
      ['place', 20],
      ['terms', 15],
      ['day', 10],
      ['combined', 25],
    ]);
    const params: Record<string, string> = {};
    switch (kind) {
      case 'words':
        params.search = rng.pick(WORDS);
        break;
      case 'typo':
        params.search = rng.pick(TYPOS);
        break;
      case 'place':
        place(rng, postcodes, params, 0.7);
        break;
      case 'terms':
        params.taxonomy_term_id = terms(rng);
        break;
      case 'day':
        timeWindow(rng, params);
        break;
      case 'combined': {
        // what a connector does: a place and a radius, plus words, filters or a day
        place(rng, postcodes, params, 0.85);
        const extra = rng.weighted([
          ['words', 3],
          ['terms', 4],
          ['day', 2],
          ['all', 1],
        ] as const);
        if (extra === 'words' || extra === 'all') params.search = rng.pick(rng.chance(0.2) ? TYPOS : WORDS);
        if (extra === 'terms' || extra === 'all') params.taxonomy_term_id = terms(rng);
        if (extra === 'day' || extra === 'all') timeWindow(rng, params);
        break;
      }
    }
    if (rng.chance(0.3)) params.per_page = rng.pick(['10', '20']);
    if (rng.chance(0.1)) params.page = '2';
    out.push({ kind, params });
  }
  return out;
}

/** The query string for a search, as sent to /oruk/services. */
export const queryString = (q: BenchQuery): string => new URLSearchParams(q.params).toString();

// ---------------------------------------------------------------------------
// /find: what people ask Belong's own search page
// ---------------------------------------------------------------------------

export type FindKind = 'find place' | 'find words' | 'find words+place' | 'find words+place+2 filters' | 'find place+filter';

export interface FindQueryCase {
  kind: FindKind;
  /** The query string of GET /find. */
  params: Record<string, string>;
}

/** Words people type into /find (the words of the ORUK mix, a few misspelt). */
const FIND_WORDS = [...WORDS.slice(0, 20), 'chat', 'walkng footbal', 'befrending'];
const NEEDS = ['free', 'drop_in', 'creche', 'fares', 'go_with', 'no_id'];
const KM = ['1', '5', '10'];

/** `count` searches of /find, deterministic for a seed; `postcodes` as for `buildQueryMix`. */
export function buildFindMix(count: number, postcodes: readonly string[], seed = 43): FindQueryCase[] {
  if (!postcodes.length) throw new Error('The /find mix needs at least one known postcode.');
  const rng = createRng(seed);
  const out: FindQueryCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted<FindKind>([
      ['find place', 30],
      ['find words', 10],
      ['find words+place', 25],
      ['find words+place+2 filters', 25],
      ['find place+filter', 10],
    ]);
    const params: Record<string, string> = {};
    if (kind !== 'find words') params.where = rng.pick(postcodes);
    if (kind.startsWith('find words')) params.q = rng.pick(FIND_WORDS);
    if (kind === 'find words+place+2 filters') {
      params.who = rng.pick(['women_only', 'men_only']);
      params.need = rng.pick(NEEDS);
    }
    if (kind === 'find place+filter') params.need = rng.pick(NEEDS);
    if (params.where && rng.chance(0.25)) params.km = rng.pick(KM);
    if (rng.chance(0.1)) params.page = '2';
    out.push({ kind, params });
  }
  return out;
}
