/**
 * The client's network address, for login throttling and the audit log, and
 * the deployment's key for hashing it (stored in belong_secret by migration
 * 0003, read once per database handle).
 *
 * Behind a reverse proxy every request seems to come from the proxy; with
 * TRUST_PROXY=on the address is taken from X-Forwarded-For instead — its
 * right-most entry, the one our own proxy added (entries to its left are
 * whatever the client claimed).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { readSecret } from './secret.repository.ts';
import { hashAddress } from './tokens.ts';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (forwarded?.length) return forwarded.at(-1)!;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

const keys = new WeakMap<object, Promise<string>>();

/** The per-deployment key for hashing addresses. */
export function addressHashKey(db: Kysely<DB>): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = readSecret(db, 'address_hash_key');
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** The keyed hash of this request's client address. */
export async function clientAddressHash(c: Context, db: Kysely<DB>, trustProxy: boolean): Promise<string> {
  return hashAddress(await addressHashKey(db), clientAddress(c, trustProxy));
}
