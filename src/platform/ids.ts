/** Identifier helpers: random v4 UUIDs for new records, name-based v5 UUIDs for stable vocabulary and import ids. */
import { createHash, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** Belong's namespace for name-based ids (a fixed random UUID). */
export const BELONG_NAMESPACE = '3f1c7a52-8d0e-4b7e-9a51-6c2d0f4e8b19';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_RE.test(s);

/** RFC 4122 version-5 UUID (SHA-1 of namespace + name): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string = BELONG_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
