/**
 * "My list": the services someone has put aside, to read again, print or
 * send to a friend. No account and no personal data: the list is a cookie
 * holding service ids only, on the person's own phone, and a share link is
 * the same ids in the address (`/shortlist?ids=…`).
 *
 * Pure: reading and writing the list's text form, and the flash messages a
 * change leaves behind. The routes do the HTTP.
 */
import { isUuid } from '../../platform/ids.ts';

/** The most services a list holds: enough to compare, small enough for a cookie and a printed page. */
export const MAX_SHORTLIST = 20;

export const SHORTLIST_COOKIE = 'shortlist';

/** Reads a list of ids ("id,id,…" or "id.id"): valid UUIDs only, lower case, each once, at most MAX_SHORTLIST. */
export function parseIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const part of value.split(/[,.\s]+/)) {
    const id = part.trim().toLowerCase();
    if (isUuid(id) && !out.includes(id)) out.push(id);
    if (out.length === MAX_SHORTLIST) break;
  }
  return out;
}

/** The text form of a list, for the cookie and share links. */
export const serializeIds = (ids: readonly string[]): string => ids.join('.');

export type ChangeResult = { ok: true; ids: string[] } | { ok: false; reason: 'full' };

/** Adds a service at the end; already there = no change; refuses when the list is full. */
export function addId(ids: readonly string[], id: string): ChangeResult {
  const key = id.toLowerCase();
  if (ids.includes(key)) return { ok: true, ids: [...ids] };
  if (ids.length >= MAX_SHORTLIST) return { ok: false, reason: 'full' };
  return { ok: true, ids: [...ids, key] };
}

export function removeId(ids: readonly string[], id: string): string[] {
  return ids.filter((x) => x !== id.toLowerCase());
}

/** Adds a shared list to one's own, keeping one's own order first; stops at the limit. */
export function mergeIds(own: readonly string[], shared: readonly string[]): { ids: string[]; skipped: number } {
  const ids = [...own];
  let skipped = 0;
  for (const id of shared) {
    if (ids.includes(id)) continue;
    if (ids.length >= MAX_SHORTLIST) skipped++;
    else ids.push(id);
  }
  return { ids, skipped };
}

/** What just happened, shown once after a change (carried in `?done=`). */
export const FLASHES = ['added', 'removed', 'saved', 'cleared', 'full'] as const;
export type Flash = (typeof FLASHES)[number];

export const readFlash = (value: string | null | undefined): Flash | null =>
  (FLASHES as readonly string[]).includes(value ?? '') ? (value as Flash) : null;

/**
 * Where to go back to after a change: a path on this site only (never
 * another site, never a protocol-relative `//host`), with the flash added.
 * Anything else goes to the list itself.
 */
export function backTo(back: string | null | undefined, flash: Flash): string {
  let target = '/shortlist';
  if (back && /^\/(?![/\\])/.test(back) && !/[\u0000-\u001f]/.test(back)) target = back;
  const url = new URL(target, 'http://belong.invalid');
  url.searchParams.set('done', flash);
  return url.pathname + url.search + url.hash;
}
