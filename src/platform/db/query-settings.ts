/**
 * Settings every connection starts with, on both engines (startup
 * parameters: no round trip per query or per transaction). Before, each
 * search and each matching ran in a transaction of its own only to set them
 * locally: three more round trips per results page.
 */

/**
 * pg_trgm's word-similarity threshold for typo-tolerant name matching
 * (PostgreSQL's default is 0.6): "ligal ayd" scores 0.31 against "legal
 * aid". Only the `<%` operator reads it, and only the search uses it.
 */
export const TRIGRAM_WORD_THRESHOLD = 0.3;

/**
 * The planner's cost of reading a page out of order, relative to reading the
 * next one (PostgreSQL's default is 4, which assumes spinning disks). The
 * directory is small enough to stay in memory (the 100 000-service benchmark
 * database is about 1 GB on disk, mostly read through PGlite's or the
 * server's cache), so fetching a few thousand matches by index is far
 * cheaper than PostgreSQL assumes: measured on PGlite at 100 000 services,
 * counting the services offered by phone took 90 ms with a full pass over
 * the services at the default and 18 ms by index at 1.1.
 */
export const RANDOM_PAGE_COST = 1.1;

/** As `name=value`, for PGlite's start parameters and the server's connection options. */
export const QUERY_SETTINGS = [
  `random_page_cost=${RANDOM_PAGE_COST}`,
  `pg_trgm.word_similarity_threshold=${TRIGRAM_WORD_THRESHOLD}`,
] as const;
