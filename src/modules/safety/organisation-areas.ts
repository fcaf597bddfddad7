/**
 * Which outward codes ("BD8") a referring organisation's connectors cover,
 * as an administrator types them: codes separated by commas, spaces or new
 * lines, any case. Pure.
 */
import { parsePostcode } from '../geo/postcodes.ts';

export const MAX_AREAS = 200;

export type AreasParse = { ok: true; outcodes: string[] } | { ok: false; bad: string[]; tooMany: boolean; typed: string };

export function parseAreas(typed: string): AreasParse {
  const parts = typed
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const bad: string[] = [];
  const out = new Set<string>();
  for (const p of parts) {
    const parsed = parsePostcode(p);
    if (!parsed || parsed.incode !== null) bad.push(p);
    else out.add(parsed.outcode);
  }
  const tooMany = out.size > MAX_AREAS;
  if (bad.length || tooMany) return { ok: false, bad: bad.slice(0, 10), tooMany, typed };
  return { ok: true, outcodes: [...out].sort() };
}
