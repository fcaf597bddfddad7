/**
 * "My list": GET /shortlist (the person's list, or a shared one with
 * `?ids=`), and POST /shortlist/add, /remove, /save and /clear, which change
 * the cookie and answer 303 See Other back to where the person was, with a
 * one-time message (`?done=added`). Plain forms: no JavaScript needed.
 *
 * POSTs are protected against cross-site forgery by Hono's `csrf()`: the
 * browser's Origin (or Sec-Fetch-Site) must be this site. A deployment
 * behind a proxy that rewrites the host is covered by Sec-Fetch-Site, or by
 * PUBLIC_URL.
 */
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { isUuid } from '../../platform/ids.ts';
import { page } from '../../platform/views/layout.tsx';
import { loadServiceRecords } from '../directory/directory.service.ts';
import { localNow } from './find-when.ts';
import { serviceExists, timetableOf } from './find.service.ts';
import { readShortlist, writeShortlist } from './shortlist.cookie.ts';
import { addId, backTo, mergeIds, parseIds, readFlash, removeId, serializeIds } from './shortlist.ts';
import { ShortlistPage } from './shortlist.views.tsx';

export interface ShortlistRouteOptions {
  now?: () => Date;
}

async function formField(c: Context, name: string): Promise<string | null> {
  const body = await c.req.parseBody();
  const v = body[name];
  return typeof v === 'string' ? v : null;
}

export function shortlistRoutes({ database, config }: Pick<AppDeps, 'database' | 'config'>, opts: ShortlistRouteOptions = {}) {
  const db = database.db;
  const clock = opts.now ?? (() => new Date());
  const publicOrigin = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : null;
  const app = new Hono();

  app.use(
    '/shortlist/*',
    csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || (publicOrigin !== null && origin === publicOrigin) }),
  );

  app.get('/shortlist', async (c) => {
    const i18n = c.get('i18n');
    const own = readShortlist(c);
    const sharedParam = c.req.query('ids');
    const shared = sharedParam !== undefined;
    const ids = shared ? parseIds(sharedParam) : own;
    const now = localNow(clock());
    const records = await loadServiceRecords(db, ids, now.date);
    const timetables = new Map(records.map((r) => [r.service.id, timetableOf(r)]));
    const origin = publicOrigin ?? new URL(c.req.url).origin;
    c.header('Cache-Control', 'no-store');
    return c.html(
      page(
        <ShortlistPage
          i18n={i18n}
          records={records}
          timetables={timetables}
          now={now}
          shared={shared}
          ownCount={own.length}
          flash={readFlash(c.req.query('done'))}
          shareUrl={records.length ? `${origin}/shortlist?ids=${serializeIds(records.map((r) => r.service.id))}` : null}
        />,
      ),
    );
  });

  app.post('/shortlist/add', async (c) => {
    const body = await c.req.parseBody();
    const id = typeof body.id === 'string' ? body.id.trim().toLowerCase() : '';
    const back = typeof body.back === 'string' ? body.back : null;
    const exists = isUuid(id) && (await serviceExists(db, id));
    if (!exists) return c.redirect('/shortlist', 303);
    const result = addId(readShortlist(c), id);
    if (!result.ok) return c.redirect(backTo(back, 'full'), 303);
    writeShortlist(c, result.ids);
    return c.redirect(backTo(back, 'added'), 303);
  });

  app.post('/shortlist/remove', async (c) => {
    const body = await c.req.parseBody();
    const id = typeof body.id === 'string' ? body.id.trim() : '';
    const back = typeof body.back === 'string' ? body.back : null;
    writeShortlist(c, removeId(readShortlist(c), id));
    return c.redirect(backTo(back, 'removed'), 303);
  });

  app.post('/shortlist/save', async (c) => {
    const shared = parseIds(await formField(c, 'ids'));
    const { ids, skipped } = mergeIds(readShortlist(c), shared);
    writeShortlist(c, ids);
    return c.redirect(backTo('/shortlist', skipped ? 'full' : 'saved'), 303);
  });

  app.post('/shortlist/clear', (c) => {
    writeShortlist(c, []);
    return c.redirect(backTo('/shortlist', 'cleared'), 303);
  });

  return app;
}
