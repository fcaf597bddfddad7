/**
 * Deployment administration pages:
 *
 *   GET /admin/audit   search the audit log (who, what, which record, outcome, dates), paged
 *   GET /admin/outbox  every message written: status, tries, last error, next try (?status= one status);
 *                      the text of a message about a person is withheld (ADR 5)
 *   GET /staff/messages connectors: messages about the people their organisation holds, with their text
 *
 * Administrators only — enforced by the services (audit.search, outbox.view),
 * which also record each look.
 */
import { Hono } from 'hono';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { auditLog } from '../../platform/auth/audit-log.service.ts';
import { parseAuditQuery } from '../../platform/audit/audit.ts';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { AuditSearchPage, HeldMessagesPage, OutboxPage } from './audit.views.tsx';
import { isOutboxStatus, outboxService } from './outbox.service.ts';

export function adminRoutes() {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/admin/*', requireStaff); // also matches /admin
  app.use('/staff/messages', requireStaff);

  app.get('/admin', (c) => c.redirect('/admin/audit', 303));

  app.get('/admin/audit', async (c) => {
    const i18n = staffI18n(c);
    const query = c.req.query();
    const { filter, page, problems } = parseAuditQuery(query);
    const { rows, hasMore } = await auditLog(c.get('access')).search(filter, page);
    const fieldProblems = problems.map((p) => ({ field: p.field, message: i18n.staff('audit.badFilter', { value: p.value }) }));
    return staffHtml(
      c,
      <AuditSearchPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        query={query}
        filter={filter}
        problems={fieldProblems}
        rows={rows}
        page={page}
        hasMore={hasMore}
      />,
      fieldProblems.length ? 400 : 200,
    );
  });

  app.get('/admin/outbox', async (c) => {
    const asked = c.req.query('status');
    const status = isOutboxStatus(asked) ? asked : undefined;
    const view = await outboxService(c.get('access')).list(status);
    return staffHtml(
      c,
      <OutboxPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} view={view} status={status ?? null} />,
    );
  });

  app.get('/staff/messages', async (c) => {
    const actor = c.get('actor')!;
    const messages = await outboxService(c.get('access')).held(actor.organisationId);
    c.header('Cache-Control', 'no-store');
    return staffHtml(c, <HeldMessagesPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={actor} messages={messages} />);
  });

  return app;
}
