/**
 * Where the demo area is: neighbourhoods of Bradford, West Yorkshire, with
 * their postcode districts, rough centres and a few real street names, and the
 * helpers that scatter made-up venues around them.
 *
 * Street names are real so addresses look right; house numbers, inward codes
 * and coordinates are made up (within the right outward code and ~800 m of the
 * neighbourhood centre).
 */
import type { Rng } from './prng.ts';

export interface Neighbourhood {
  key: string;
  /** The name people use for the neighbourhood (shown as address line 2 and area name). */
  name: string;
  /** Smaller places inside it, used as area names now and then. */
  localities: string[];
  outward: string;
  /** First digits that inward codes in this district start with. */
  sectors: number[];
  latitude: number;
  longitude: number;
  streets: string[];
  /** Share of the demo's organisations based here. */
  weight: number;
  /** Town for addresses; Bradford when not given. */
  city?: string;
  region?: string;
}

export const NEIGHBOURHOODS: Neighbourhood[] = [
  {
    key: 'manningham',
    name: 'Manningham',
    localities: ['Manningham', 'Girlington', 'Lower Grange'],
    outward: 'BD8',
    sectors: [7, 8, 9],
    // between Lumb Lane and Girlington, so the 800 m circle covers both
    latitude: 53.8025,
    longitude: -1.774,
    streets: [
      'Lumb Lane',
      'Oak Lane',
      'Carlisle Road',
      'Whetley Lane',
      'Girlington Road',
      'Duckworth Lane',
      'Toller Lane',
      'Marlborough Road',
      'Cornwall Road',
      "St Mary's Road",
      'Victor Road',
      'Lilycroft Road',
      'Whetley Hill',
      'Church Street',
      'Thornton Road',
      'Drummond Road',
    ],
    weight: 29,
  },
  {
    key: 'bradford-moor',
    name: 'Bradford Moor',
    localities: ['Bradford Moor', 'Barkerend', 'Thornbury', 'Laisterdyke'],
    outward: 'BD3',
    sectors: [0, 7, 8, 9],
    latitude: 53.799,
    longitude: -1.724,
    streets: [
      'Leeds Road',
      'Killinghall Road',
      'Barkerend Road',
      'Harewood Street',
      'Thornbury Road',
      'Leeds Old Road',
      'Otley Road',
      'Woodhall Road',
      'Amberley Street',
      'Bradford Lane',
      'Cavendish Road',
      'Hendford Drive',
      'Gilpin Street',
      'Maperton Road',
    ],
    weight: 22,
  },
  {
    key: 'little-horton',
    name: 'Little Horton',
    localities: ['Little Horton', 'West Bowling', 'Canterbury'],
    outward: 'BD5',
    sectors: [0, 7, 8, 9],
    latitude: 53.781,
    longitude: -1.762,
    streets: [
      'Little Horton Lane',
      'Manchester Road',
      'Park Lane',
      'Ripley Street',
      'Bowling Old Lane',
      'Parkside Road',
      'Canterbury Avenue',
      'Horton Park Avenue',
      'All Saints Road',
      'Bowling Park Drive',
      'Newton Street',
      'Mayo Avenue',
      'Paley Road',
      'Ellen Street',
    ],
    weight: 25,
  },
  {
    key: 'city-centre',
    name: 'City Centre',
    localities: ['City Centre', 'Little Germany', 'Goitside'],
    outward: 'BD1',
    sectors: [1, 2, 3, 4, 5],
    latitude: 53.7946,
    longitude: -1.7521,
    streets: [
      'Hall Ings',
      'Sunbridge Road',
      'Manor Row',
      'Darley Street',
      'Ivegate',
      'North Parade',
      'Chapel Street',
      'Peckover Street',
      'Piccadilly',
      'Kirkgate',
      'Godwin Street',
      'Well Street',
      'Vicar Lane',
      'Rawson Road',
    ],
    weight: 12,
  },
  {
    key: 'great-horton',
    name: 'Great Horton',
    localities: ['Great Horton', 'Lidget Green', 'Scholemoor'],
    outward: 'BD7',
    sectors: [1, 2, 3, 4],
    latitude: 53.78,
    longitude: -1.78,
    streets: [
      'Great Horton Road',
      'Cross Lane',
      'Southfield Lane',
      'Beldon Road',
      'Horton Grange Road',
      'Clayton Road',
      'Legrams Lane',
      'Ingleby Road',
      'Cecil Avenue',
      'Grantham Road',
    ],
    weight: 8,
  },
  {
    key: 'heaton',
    name: 'Heaton',
    localities: ['Heaton', 'Frizinghall', 'Daisy Hill'],
    outward: 'BD9',
    sectors: [4, 5, 6],
    latitude: 53.812,
    longitude: -1.79,
    streets: [
      'Emm Lane',
      'Frizinghall Road',
      'Keighley Road',
      'Haworth Road',
      'Bingley Road',
      'Heaton Road',
      'Toller Lane',
      'Wilmer Road',
      'Leylands Lane',
      'Syringa Street',
    ],
    weight: 5,
  },
];

export const CITY = 'Bradford';
export const REGION = 'West Yorkshire';

/** Letters allowed in the last two characters of a UK inward code. */
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A plausible full postcode in `outward`: "BD8 7QJ". */
export function postcodeIn(rng: Rng, outward: string, sectors: readonly number[]): string {
  return `${outward} ${rng.pick(sectors)}${rng.pick([...UNIT_LETTERS])}${rng.pick([...UNIT_LETTERS])}`;
}

/** A point uniformly inside a circle of `radiusM` metres around a centre, to 5 decimals (~1 m). */
export function scatter(rng: Rng, latitude: number, longitude: number, radiusM: number): { latitude: number; longitude: number } {
  const r = radiusM * Math.sqrt(rng.next());
  const theta = rng.next() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / 111_320;
  const dLon = (r * Math.sin(theta)) / (111_320 * Math.cos((latitude * Math.PI) / 180));
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  return { latitude: round(latitude + dLat), longitude: round(longitude + dLon) };
}

/** Distance in metres between two points (haversine), for checks and tests. */
export function metresBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
