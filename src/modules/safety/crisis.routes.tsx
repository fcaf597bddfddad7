/**
 * The crisis route ("someone is at risk"):
 *
 *   GET  /staff/people/:id/crisis?from=conversation|record   urgent options (person's language) + "tell the lead"
 *   POST /staff/people/:id/crisis                            record the concern, tell the lead; 303 back with ?raised=<id>
 *   GET  /staff/safeguarding                                 the organisation's open concerns; naming leads (managers, administrators)
 *   POST /staff/safeguarding/:cid/acknowledge                acknowledge a concern (303 to the person's record)
 *   POST /staff/safeguarding/leads/:orgId                    name an organisation's safeguarding lead
 *   GET  /my/crisis                                          the person's urgent options (anyone), and "tell my connector" when signed in
 *   POST /my/crisis                                          the person's own concern, to their holding organisation's lead
 */
import { Hono, type Context } from 'hono';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { clientAddressHash } from '../../platform/auth/client-address.ts';
import { createI18n, type I18n } from '../../platform/i18n/i18n.ts';
import { isUuid } from '../../platform/ids.ts';
import { isLocaleCode } from '../../platform/i18n/locales.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { page } from '../../platform/views/layout.tsx';
import { linkBase, staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { ConversationFrame } from '../conversation/conversation-frame.tsx';
import { MyPage } from '../person-view/person-view.views.tsx';
import { signedInPerson } from '../person-view/my-session.service.ts';
import { crisisConfig } from './crisis.ts';
import { crisisService, MAX_NOTE, myCrisisContext, raiseFromMy, type Raised } from './crisis.service.ts';
import { MyCrisisBody, SafeguardingPage, StaffCrisisBody } from './crisis.views.tsx';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The staff pages; mount after the staff middleware. */
export function crisisStaffRoutes(deps: { config: Config; notifier: Notifier; now: () => Date }) {
  const config = crisisConfig();
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/people/:id/crisis', requireStaff);
  app.use('/staff/safeguarding', requireStaff);
  app.use('/staff/safeguarding/*', requireStaff);
  const service = (c: Context) =>
    crisisService(c.get('access'), { notifier: deps.notifier, baseUrl: linkBase(c, deps.config.PUBLIC_URL), config });
  const fromOf = (v: unknown): 'conversation' | 'record' => (v === 'conversation' ? 'conversation' : 'record');

  async function crisisPage(
    c: Context,
    id: string,
    from: 'conversation' | 'record',
    extra: { raised?: Raised | null; note?: string; noteError?: string } = {},
    status: 200 | 400 = 200,
  ) {
    const person = await service(c).person(id);
    const i18n = createI18n(person.preferredLanguage);
    const staff = staffI18n(c);
    c.header('Cache-Control', 'no-store');
    return staffHtml(
      c,
      <ConversationFrame
        i18n={i18n}
        staff={staff}
        actor={c.get('actor')!}
        csrf={c.get('csrfToken')}
        title={i18n.t('crisis.title')}
        personId={id}
        personName={person.displayName}
        problems={extra.noteError ? [{ field: 'note', message: extra.noteError }] : []}
      >
        <StaffCrisisBody
          i18n={i18n}
          staff={staff}
          csrf={c.get('csrfToken')}
          config={config}
          personId={id}
          from={from}
          raised={extra.raised ?? null}
          note={extra.note}
          noteError={extra.noteError}
          backTo={from === 'conversation' ? `/staff/people/${id}/conversation` : `/staff/people/${id}`}
        />
      </ConversationFrame>,
      status,
    );
  }

  app.get('/staff/people/:id/crisis', async (c) => {
    const id = c.req.param('id');
    const from = fromOf(c.req.query('from'));
    const raisedId = c.req.query('raised');
    let raised: Raised | null = null;
    if (raisedId && isUuid(raisedId)) {
      const row = (await service(c).ofPerson(id)).find((x) => x.id === raisedId);
      if (row) raised = { concernId: row.id, leadName: row.lead_name, acknowledgeBy: new Date(row.acknowledge_by) };
    }
    return crisisPage(c, id, from, { raised });
  });

  app.post('/staff/people/:id/crisis', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const from = fromOf(body.from);
    const note = text(body.note).trim();
    if (note.length > MAX_NOTE)
      return crisisPage(c, id, from, { note, noteError: staffI18n(c).staff('safety.crisis.noteTooLong', { max: MAX_NOTE }) }, 400);
    const raised = await service(c).raise(id, { source: from, note: note || null });
    return c.redirect(`/staff/people/${id}/crisis?from=${from}&raised=${raised.concernId}`, 303);
  });

  app.get('/staff/safeguarding', async (c) => {
    const actor = c.get('actor')!;
    const access = c.get('access');
    const i18n = staffI18n(c);
    const open = access.can('safeguarding.view', { organisationId: actor.organisationId }) ? await service(c).open() : null;
    const leads = await service(c).leads();
    if (!open && !leads.length) return c.text('You do not have access to this page.', 403);
    const done = c.req.query('done');
    const notice =
      done === 'lead'
        ? i18n.staff('safety.notice.lead')
        : done === 'acknowledged'
          ? i18n.staff('safety.notice.acknowledged')
          : done === 'already'
            ? i18n.staff('safety.notice.already')
            : undefined;
    const error = c.req.query('error') === 'lead' ? i18n.staff('safety.error.lead') : undefined;
    return staffHtml(
      c,
      <SafeguardingPage
        i18n={i18n}
        actor={actor}
        csrf={c.get('csrfToken')}
        now={deps.now()}
        open={open}
        leads={leads}
        notice={notice}
        error={error}
      />,
    );
  });

  app.post('/staff/safeguarding/leads/:orgId', async (c) => {
    const orgId = c.req.param('orgId').toLowerCase();
    if (!isUuid(orgId)) return c.text('There is no such organisation.', 404);
    const body = await c.req.parseBody();
    const r = await service(c).setLead(orgId, text(body.lead).toLowerCase());
    return c.redirect(r.ok ? '/staff/safeguarding?done=lead#leads' : '/staff/safeguarding?error=lead#leads', 303);
  });

  app.post('/staff/safeguarding/:cid/acknowledge', async (c) => {
    const r = await service(c).acknowledge(c.req.param('cid').toLowerCase());
    if (r.outcome === 'missing') return c.text('There is no such concern.', 404);
    return c.redirect(`/staff/people/${r.personId}?done=${r.outcome === 'done' ? 'acknowledged' : 'already'}#safeguarding`, 303);
  });

  return app;
}

/** The person's side, at /my (their session cookie is scoped to /my). */
export function crisisPersonRoutes(deps: { config: Config; database: Database; notifier: Notifier; now: () => Date }) {
  const config = crisisConfig();
  const db = deps.database.db;
  const trustProxy = deps.config.TRUST_PROXY === 'on';
  const app = new Hono();

  /** Their own language unless they chose another with the language switch. */
  const languageFor = (c: Context, preferred: string | undefined): I18n => {
    const asked: I18n = c.get('i18n');
    return asked.chosen || !preferred || !isLocaleCode(preferred) ? asked : createI18n(preferred, { currentPath: '/my/crisis' });
  };

  app.get('/my/crisis', async (c) => {
    const personId = await signedInPerson(db, c, deps.now());
    const ctx = personId ? await myCrisisContext(db, personId) : undefined;
    const i18n = languageFor(c, ctx?.preferred_language);
    c.header('Cache-Control', 'no-store');
    return c.html(
      await page(
        <MyPage i18n={i18n} title={i18n.t('crisis.title')} signedIn={!!ctx}>
          <MyCrisisBody
            i18n={i18n}
            config={config}
            organisation={ctx?.organisation_name ?? null}
            sent={c.req.query('sent') === '1'}
            signedIn={!!ctx}
          />
        </MyPage>,
      ),
    );
  });

  app.post('/my/crisis', async (c) => {
    const now = deps.now();
    const personId = await signedInPerson(db, c, now);
    if (!personId) return c.redirect('/my', 303);
    const body = await c.req.parseBody();
    const origin = {
      requestId: (c.get('requestId' as never) as string | undefined) ?? null,
      ipHash: await clientAddressHash(c, db, trustProxy),
      now,
    };
    const raised = await raiseFromMy(
      db,
      { notifier: deps.notifier, baseUrl: linkBase(c, deps.config.PUBLIC_URL), config },
      personId,
      text(body.note),
      origin,
    );
    return c.redirect(raised ? '/my/crisis?sent=1' : '/my', 303);
  });

  return app;
}
