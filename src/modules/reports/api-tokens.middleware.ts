/**
 * Bearer tokens on /api/reports/* only (mounted there, after the staff
 * session middleware): a request with "Authorization: Bearer belong_rpt_…"
 * acts as the token's account, read-only, whatever cookie it carries. The
 * token must be live (not revoked) and its account active; the policy then
 * decides as for a signed-in page (evidence.view: administrators and
 * commissioners). Each use is written to the audit log with the token's id
 * and marks the token's "last used". A wrong, revoked or malformed token is
 * answered 401 with a plain JSON message.
 */
import type { MiddlewareHandler } from 'hono';
import { createAccess } from '../../platform/auth/access.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { Database } from '../../platform/db/database.ts';
import { bearerToken } from './api-tokens.ts';
import { findLiveApiToken, markApiTokenUsed } from './api-tokens.repository.ts';

export function reportApiTokenAuth({ database, now }: { database: Database; now: () => Date }): MiddlewareHandler {
  const db = database.db;
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === null) return next();
    const refuse = () => {
      c.header('WWW-Authenticate', 'Bearer realm="belong-reports", error="invalid_token"');
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          error: 'Unauthorized',
          message: 'This API token is not valid: it may have been revoked. Make a new one at /staff/evidence/tokens.',
        },
        401,
      );
    };
    if (token === 'malformed') return refuse();
    const found = await findLiveApiToken(db, hashToken(token));
    const actor = found ? await loadActor(db, found.accountId) : null;
    if (!found || !actor?.active) return refuse();
    const at = now();
    const ipHash = c.get('ipHash') ?? null;
    const requestId = (c.get('requestId' as never) as string | undefined) ?? null;
    const access = createAccess(db, { actor, requestId, ipHash, now });
    await db.transaction().execute(async (trx) => {
      await markApiTokenUsed(trx, found.id, at);
      await appendAuditEvent(trx, access.origin(), {
        action: 'api_token.use',
        outcome: 'allowed',
        subjectType: 'report_api_token',
        subjectId: found.id,
        details: { path: new URL(c.req.url).pathname },
      });
    });
    c.set('actor', actor);
    c.set('session', null);
    c.set('access', access);
    await next();
  };
}
