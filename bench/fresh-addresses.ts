/**
 * The addresses of searches asked once each, shared by `npm run bench:http`
 * (over HTTP, under load) and `npm run bench:profile -- --fresh N`
 * (in-process, one at a time), so both measure the same kinds of page: the
 * i-th address of each kind, over the postcode districts the loaded
 * directory has.
 */
const WORDS = ['chat', 'walk', 'football', 'sewing', 'english', 'cooking', 'coffee', 'art', 'garden', 'music', 'tea', 'craft'];
const WHO = ['women_only', 'men_only'];
const NEED = ['free', 'creche', 'fares', 'go_with', 'drop_in', 'no_id'];

export type FreshKind = 'place' | 'words' | 'oruk';

/** A place alone (districts in turn, then their next pages); words + place + two filters; an /oruk search with a radius. */
export function freshAddress(kind: FreshKind, i: number, districts: readonly string[]): string {
  const d = (n: number) => districts[n % districts.length]!;
  if (kind === 'place') return `/find?where=${d(i)}${i >= districts.length ? `&page=${1 + Math.floor(i / districts.length)}` : ''}`;
  const words = WORDS[i % WORDS.length]!;
  const near = d(Math.floor(i / WORDS.length));
  if (kind === 'words') return `/find?q=${words}&where=${near}&who=${WHO[i % WHO.length]}&need=${NEED[Math.floor(i / 3) % NEED.length]}`;
  return `/oruk/services?search=${words}&postcode=${near}&proximity=${2000 + 500 * Math.floor(i / (WORDS.length * districts.length))}`;
}
