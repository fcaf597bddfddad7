/**
 * Matching as a JSON API, documented in OpenAPI 3.1 (openapi.ts, docs/api.md):
 *
 *   POST /api/match         rank directory services for a described person
 *   GET  /api/openapi.json  the OpenAPI document
 *
 * A pure query over the public directory: nothing about the person is kept
 * or logged (the request log has the path only), and no unmet need is
 * recorded here (that is done where a connector works with the person).
 * Public with CORS `*`, like /oruk. Bad input gets 400 with one line per
 * problem.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { lookupPlace, type Place } from '../geo/postcodes.ts';
import { parseMatchBody } from './match-api.schema.ts';
import { matchServices } from './match.service.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { becauseText, reasonLine, reasonText } from './suggestions.views.tsx';

/** Largest body accepted, in bytes. */
const MAX_BODY = 16 * 1024;

export function matchApiRoutes(
  { database }: Pick<AppDeps, 'database'>,
  opts: { lookupPlace?: (q: string) => Place | null; now?: () => Date } = {},
) {
  const places = opts.lookupPlace ?? lookupPlace;
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'] }));

  app.get('/openapi.json', (c) => c.json(OPENAPI_DOCUMENT));

  app.post('/match', async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      throw new DomainError('BadRequest', 'Send the request as JSON, with the header Content-Type: application/json.');
    }
    const text = await c.req.text();
    if (text.length > MAX_BODY) throw new DomainError('BadRequest', `The request is too long: at most ${MAX_BODY} bytes.`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new DomainError('BadRequest', 'The request is not valid JSON.');
    }
    const parsed = parseMatchBody(body, places);
    if (!parsed.ok) throw new DomainError('BadRequest', 'The request has problems; see details.', parsed.problems);
    const result = await matchServices(database.db, parsed.request, { limit: parsed.limit, now: opts.now?.() ?? new Date() });
    const i18n = createI18n(parsed.language);
    return c.json({
      suggestions: result.suggestions.map((s) => ({
        serviceId: s.serviceId,
        name: s.name,
        organizationName: s.organizationName,
        distanceMetres: s.distanceMetres,
        waitingList: s.waitingList,
        score: s.score,
        explanation: reasonLine(i18n, s.reasons),
        reasons: s.reasons.map((r) => ({ ...r, text: reasonText(i18n, r) })),
      })),
      unmet: result.unmet,
      because: result.unmet ? becauseText(i18n, result.ruledOut) : null,
      ruledOut: result.ruledOut,
    });
  });

  return app;
}
