/**
 * An administrator's or commissioner's read-only API tokens (registered on the staff evidence app):
 *
 *   GET  /staff/evidence/tokens               their tokens, and a form to make one
 *   POST /staff/evidence/tokens               make one: the page shows its secret this once
 *   POST /staff/evidence/tokens/:id/revoke    revoke one
 */
import type { Context, Hono } from 'hono';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { tokenName } from './api-tokens.ts';
import { apiTokensService } from './api-tokens.service.ts';
import { ApiTokensPage } from './api-tokens.views.tsx';

export function registerApiTokenRoutes(staff: Hono) {
  const svc = (c: Context) => apiTokensService(c.get('access'));

  async function page(
    c: Context,
    extra: { problems?: FieldProblem[]; created?: { name: string; secret: string } } = {},
    status: 200 | 400 = 200,
  ) {
    const i18n = staffI18n(c);
    const notice = c.req.query('done') === 'revoked' && !extra.created ? i18n.staff('tokens.revokedNotice') : null;
    c.header('Cache-Control', 'no-store');
    return staffHtml(
      c,
      <ApiTokensPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        tokens={await svc(c).list()}
        problems={extra.problems ?? []}
        created={extra.created ?? null}
        notice={notice}
      />,
      status,
    );
  }

  staff.get('/staff/evidence/tokens', (c) => page(c));

  staff.post('/staff/evidence/tokens', async (c) => {
    const body = await c.req.parseBody();
    const name = tokenName(body['name']);
    if (!name) return page(c, { problems: [{ field: 'name', message: staffI18n(c).staff('tokens.error.name') }] }, 400);
    const made = await svc(c).create(name);
    return page(c, { created: { name, secret: made.secret } });
  });

  staff.post('/staff/evidence/tokens/:id/revoke', async (c) => {
    await svc(c).revoke(c.req.param('id'));
    return c.redirect('/staff/evidence/tokens?done=revoked', 303);
  });
}
