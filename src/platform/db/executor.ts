/** Anything a repository function can run a query on: the database or an open transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Executor = Kysely<DB> | Transaction<DB>;
