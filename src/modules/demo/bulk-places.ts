/**
 * Places for the bulk (benchmark) load: postcode districts of several UK
 * cities at their centroids, so a proximity search around one place
 * meets a realistic local density rather than the whole country.
 *
 * Bradford's demo neighbourhoods are included (and weighted up), so searches
 * around the postcodes Belong knows best find plenty nearby.
 */
import { lookupPlace } from '../geo/postcodes.ts';
import { NEIGHBOURHOODS, scatter, type Neighbourhood } from './demo-places.ts';
import { createRng } from './prng.ts';

interface City {
  name: string;
  latitude: number;
  longitude: number;
  districts: string[];
  localities: string[];
  weight: number;
}

const CITIES: City[] = [
  {
    name: 'Leeds',
    latitude: 53.7997,
    longitude: -1.5492,
    districts: ['LS1', 'LS2', 'LS6', 'LS7', 'LS8', 'LS9', 'LS11', 'LS12'],
    localities: ['Chapeltown', 'Harehills', 'Beeston', 'Armley', 'Headingley', 'Burmantofts'],
    weight: 8,
  },
  {
    name: 'Manchester',
    latitude: 53.4808,
    longitude: -2.2426,
    districts: ['M1', 'M4', 'M8', 'M13', 'M14', 'M16', 'M19'],
    localities: ['Cheetham Hill', 'Longsight', 'Moss Side', 'Levenshulme', 'Rusholme', 'Ancoats'],
    weight: 9,
  },
  {
    name: 'Birmingham',
    latitude: 52.4862,
    longitude: -1.8904,
    districts: ['B1', 'B5', 'B6', 'B8', 'B10', 'B11', 'B12', 'B19', 'B21'],
    localities: ['Sparkbrook', 'Small Heath', 'Aston', 'Handsworth', 'Balsall Heath', 'Lozells'],
    weight: 10,
  },
  {
    name: 'London',
    latitude: 51.515,
    longitude: -0.06,
    districts: ['E1', 'E7', 'E13', 'N15', 'SE15', 'NW10', 'SW9'],
    localities: ['Whitechapel', 'Forest Gate', 'Plaistow', 'Tottenham', 'Peckham', 'Harlesden', 'Brixton'],
    weight: 14,
  },
  {
    name: 'Sheffield',
    latitude: 53.3811,
    longitude: -1.4701,
    districts: ['S1', 'S2', 'S3', 'S4', 'S8', 'S9'],
    localities: ['Burngreave', 'Darnall', 'Sharrow', 'Pitsmoor', 'Heeley'],
    weight: 6,
  },
  {
    name: 'Bristol',
    latitude: 51.4545,
    longitude: -2.5879,
    districts: ['BS1', 'BS2', 'BS3', 'BS5', 'BS6'],
    localities: ['St Pauls', 'Easton', 'Bedminster', 'Lawrence Hill', 'Redland'],
    weight: 6,
  },
  {
    name: 'Liverpool',
    latitude: 53.4084,
    longitude: -2.9916,
    districts: ['L1', 'L4', 'L6', 'L7', 'L8', 'L15'],
    localities: ['Toxteth', 'Kensington', 'Anfield', 'Wavertree', 'Everton'],
    weight: 6,
  },
  {
    name: 'Leicester',
    latitude: 52.6369,
    longitude: -1.1398,
    districts: ['LE1', 'LE2', 'LE3', 'LE4', 'LE5'],
    localities: ['Belgrave', 'Highfields', 'Spinney Hills', 'Evington', 'Braunstone'],
    weight: 5,
  },
  {
    name: 'Newcastle upon Tyne',
    latitude: 54.9783,
    longitude: -1.6178,
    districts: ['NE1', 'NE4', 'NE6'],
    localities: ['Elswick', 'Benwell', 'Byker', 'Heaton'],
    weight: 4,
  },
  {
    name: 'Glasgow',
    latitude: 55.8642,
    longitude: -4.2518,
    districts: ['G1', 'G3', 'G4', 'G31', 'G42'],
    localities: ['Govanhill', 'Dennistoun', 'Sighthill', 'Anderston'],
    weight: 6,
  },
  {
    name: 'Cardiff',
    latitude: 51.4816,
    longitude: -3.1791,
    districts: ['CF10', 'CF11', 'CF24'],
    localities: ['Butetown', 'Grangetown', 'Splott', 'Cathays'],
    weight: 4,
  },
  {
    name: 'Nottingham',
    latitude: 52.9548,
    longitude: -1.1581,
    districts: ['NG1', 'NG3', 'NG7'],
    localities: ['Hyson Green', 'Sneinton', 'St Ann’s', 'Radford'],
    weight: 4,
  },
  {
    name: 'Blackburn',
    latitude: 53.748,
    longitude: -2.482,
    districts: ['BB1', 'BB2'],
    localities: ['Audley', 'Bastwell', 'Mill Hill'],
    weight: 2,
  },
];

const STREETS = [
  'High Street',
  'Station Road',
  'Church Lane',
  'Park Road',
  'Victoria Road',
  'Mill Lane',
  'Market Street',
  'King Street',
  'Queen Street',
  'New Road',
  'Albert Road',
  'Chapel Street',
  'School Lane',
  'Green Lane',
  'North Street',
  'Grove Road',
];

/** Share of the bulk load placed in Bradford's demo neighbourhoods. */
const BRADFORD_WEIGHT = 12;

/**
 * Postcode districts across the UK cities, as neighbourhoods the demo
 * generator can place organisations in, centred on each district's centroid.
 * Deterministic.
 */
export function bulkNeighbourhoods(): Neighbourhood[] {
  const rng = createRng(7);
  const out: Neighbourhood[] = [];
  const bradfordTotal = NEIGHBOURHOODS.reduce((s, n) => s + n.weight, 0);
  for (const n of NEIGHBOURHOODS) out.push({ ...n, weight: (BRADFORD_WEIGHT * n.weight) / bradfordTotal });
  for (const city of CITIES) {
    city.districts.forEach((outward, d) => {
      // The district's centroid from Belong's postcode table; a point near the city centre if it is missing.
      const known = lookupPlace(outward);
      const centre = known ?? scatter(rng, city.latitude, city.longitude, 4000);
      out.push({
        key: `${city.name.toLowerCase().replace(/\W+/g, '-')}-${outward.toLowerCase()}`,
        name: city.localities[d % city.localities.length]!,
        localities: city.localities,
        outward,
        sectors: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        latitude: centre.latitude,
        longitude: centre.longitude,
        streets: STREETS,
        weight: city.weight / city.districts.length,
        city: city.name,
      });
    });
  }
  return out;
}
