/**
 * 1,000 different people for the matching benchmark, from a seeded PRNG:
 * each starts in one of the bulk load's postcode districts (a little way
 * from its centre) and has their own languages, limits, needs and interests,
 * in proportions loosely like a connector's caseload.
 */
import { bulkNeighbourhoods } from '../src/modules/demo/bulk-places.ts';
import { scatter } from '../src/modules/demo/demo-places.ts';
import { createRng } from '../src/modules/demo/prng.ts';
import { SUPPORT_KINDS } from '../src/modules/directory/service-graph.ts';
import { EMPTY_MATCH_REQUEST, type MatchRequest, type Mode, type TimeOfDay, type Want } from '../src/modules/matching/match-request.ts';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const WANTS: Want[] = ['shared_identity', 'mixing', 'one_to_one', 'group', 'practical', 'volunteering'];
const LANGUAGES: [string[], number][] = [
  [['en'], 10],
  [['ur', 'pa'], 4],
  [['bn'], 3],
  [['pl'], 2],
  [['ar'], 2],
  [['so'], 1],
  [['ti'], 1],
  [['fa'], 1],
  [['ro'], 1],
  [['uk', 'ru'], 1],
  [['ckb'], 1],
];

export function benchPeople(count: number, seed: number): MatchRequest[] {
  const rng = createRng(seed);
  const places = bulkNeighbourhoods();
  const people: MatchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const nb = rng.weighted(places.map((p) => [p, p.weight] as const));
    const languages = rng.weighted(LANGUAGES);
    const englishOk = languages[0] === 'en' || rng.chance(0.4);
    const modes: Mode[] = rng.chance(0.7)
      ? ['in_person']
      : rng.chance(0.5)
        ? ['in_person', 'phone']
        : rng.pick([['phone'], ['online'], ['in_person', 'phone', 'online']] as Mode[][]);
    const unavailable: { day: (typeof DAYS)[number]; time?: TimeOfDay }[] = [];
    if (rng.chance(0.3))
      for (const day of rng.sample([...DAYS], rng.int(1, 4)))
        unavailable.push(rng.chance(0.5) ? { day } : { day, time: rng.pick(['morning', 'afternoon', 'evening'] as const) });
    people.push({
      ...EMPTY_MATCH_REQUEST,
      origin: scatter(rng, nb.latitude, nb.longitude, 1500),
      maxDistanceMetres: rng.weighted<number | null>([
        [800, 2],
        [1500, 3],
        [3000, 3],
        [8000, 1],
        [null, 1],
      ]),
      gender: rng.weighted<MatchRequest['gender']>([
        ['woman', 5],
        ['man', 4],
        [null, 2],
        ['another', 0.3],
      ]),
      ageBand: rng.chance(0.6) ? rng.pick(['18_24', '25_49', '50_64', '65_plus'] as const) : null,
      languages,
      englishOk,
      interpreterNeeded: !englishOk && rng.chance(0.4),
      costLimit: rng.weighted([
        ['free', 5],
        ['low_cost', 3],
        ['any', 2],
      ] as const),
      complexNeeds: rng.chance(0.15),
      modes,
      unavailable,
      interests: rng.sample([...SUPPORT_KINDS], rng.int(0, 3)),
      interestWords: rng.chance(0.3) ? [rng.pick(['sewing', 'football', 'cooking', 'chat', 'walk', 'english', 'computer'])] : [],
      wants: rng.sample(WANTS, rng.int(0, 2)),
      faith: rng.weighted([
        ['any', 6],
        ['faith_based', 2],
        ['avoid', 2],
      ] as const),
      needsAccompaniment: rng.chance(0.25),
      needsTransport: rng.chance(0.2),
      needsChildcare: rng.chance(0.15),
      prefersDropIn: rng.chance(0.4),
      ...(rng.chance(0.15) ? { avoidKinds: [rng.pick(['peer_support', 'therapy'] as const)] } : {}),
    });
  }
  return people;
}
