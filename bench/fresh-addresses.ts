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

/**
 * A place alone (districts in turn, then their next pages); words + place + two
 * filters; an /oruk search with a radius. No two addresses of a kind are the
 * same, however many districts there are: the place varies fastest, so any
 * stretch of addresses is spread over the whole directory, and once every
 * combination has been asked, the next ones ask for the following page (words)
 * or a wider radius (/oruk).
 */
export function freshAddress(kind: FreshKind, i: number, districts: readonly string[]): string {
  const n = districts.length;
  const d = (k: number) => districts[k % n]!;
  if (kind === 'place') return `/find?where=${d(i)}${i >= n ? `&page=${1 + Math.floor(i / n)}` : ''}`;
  // Digits of i in a mixed radix: district, words, who, need, then the page or radius.
  const words = WORDS[Math.floor(i / n) % WORDS.length]!;
  const near = d(i);
  if (kind === 'words') {
    const who = WHO[Math.floor(i / (n * WORDS.length)) % WHO.length]!;
    const need = NEED[Math.floor(i / (n * WORDS.length * WHO.length)) % NEED.length]!;
    const page = Math.floor(i / (n * WORDS.length * WHO.length * NEED.length));
    return `/find?q=${words}&where=${near}&who=${who}&need=${need}${page ? `&page=${1 + page}` : ''}`;
  }
  return `/oruk/services?search=${words}&postcode=${near}&proximity=${2000 + 500 * Math.floor(i / (n * WORDS.length))}`;
}
