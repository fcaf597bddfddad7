/**
 * Public finding pages: GET /find (search and filter, a bookmarkable GET
 * form) and GET /services/:id (one service in full). Server-rendered in the
 * person's language, working without JavaScript. Mount after the i18n
 * middleware.
 *
 * The clock is injectable so "on today" and "open now" can be tested; the
 * postcode table too.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../app.ts';
import { isUuid } from '../../platform/ids.ts';
import { page } from '../../platform/views/layout.tsx';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { loadServiceRecords } from '../directory/service-read.repository.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { readShortlist } from '../shortlist/shortlist.cookie.ts';
import { readFlash } from '../shortlist/shortlist.ts';
import { resultCard } from './cards.ts';
import { askedLanguage } from './presenters.ts';
import { parseFindUrl, type FindProblem } from './find-query.ts';
import { resolvePlace, type PlaceLookupFn } from './find-place.ts';
import { PER_PAGE, runFind } from './find-search.ts';
import { localNow, whenFlags } from './find-when.ts';
import { directoryLanguages, loadExceptionRows, loadTimetables } from './find.repository.ts';
import { FindPage } from './find.views.tsx';
import { NotFoundPage, ServicePage } from './service.views.tsx';
import { loadTranslations } from './translation.repository.ts';

export interface FindRouteOptions {
  /** The current time; defaults to the system clock. */
  now?: () => Date;
  lookupPlace?: PlaceLookupFn;
}

/** An HTML "not found" page in the person's language. */
export function notFoundHtml(c: Context) {
  return c.html(page(<NotFoundPage i18n={c.get('i18n')} listCount={readShortlist(c).length} />), 404);
}

export function findRoutes({ database }: Pick<AppDeps, 'database'>, opts: FindRouteOptions = {}) {
  const db = database.db;
  const clock = opts.now ?? (() => new Date());
  const places = opts.lookupPlace ?? lookupPlace;
  const app = new Hono();

  app.get('/find', async (c) => {
    const i18n = c.get('i18n');
    const now = clock();
    const { query, problems } = parseFindUrl(new URL(c.req.url).searchParams);
    const allProblems: FindProblem[] = [...problems];
    const resolved = await resolvePlace(db, query.where, places);
    if (!resolved.ok) allProblems.push(resolved.problem);
    const place = resolved.ok ? resolved.place : null;
    const toField = (p: FindProblem): FieldProblem => ({ field: p.field, message: i18n.t(p.key, p.values) });
    const languages = await directoryLanguages(db);
    const list = readShortlist(c);

    if (allProblems.length) {
      c.status(400);
      return c.html(
        page(
          <FindPage
            i18n={i18n}
            query={query}
            sort={query.sort ?? 'best'}
            sortNeedsPlace={false}
            problems={allProblems.map(toField)}
            languages={languages}
            placeName={null}
            results={null}
            listCount={list.length}
          />,
        ),
      );
    }

    const outcome = await runFind(db, query, place, now);
    const local = localNow(now);
    const records = await loadServiceRecords(db, outcome.ids, local.date);
    const cards = records.map((r) =>
      resultCard(i18n, r, {
        now: local,
        timetable: outcome.timetables.get(r.service.id),
        distanceMetres: outcome.distances.get(r.service.id) ?? null,
        askedLanguage: askedLanguage(query),
      }),
    );
    return c.html(
      page(
        <FindPage
          i18n={i18n}
          query={query}
          sort={outcome.sort}
          sortNeedsPlace={outcome.sortNeedsPlace}
          problems={[]}
          languages={languages}
          placeName={place?.code ?? null}
          results={{ total: outcome.total, cards, perPage: PER_PAGE }}
          listCount={list.length}
        />,
      ),
    );
  });

  app.get('/services/:id', async (c) => {
    const id = (c.req.param('id') ?? '').toLowerCase();
    if (!isUuid(id)) return notFoundHtml(c);
    const i18n = c.get('i18n');
    const now = localNow(clock());
    const [record] = await loadServiceRecords(db, [id], now.date);
    if (!record) return notFoundHtml(c);
    const [exceptions, timetables, serviceTexts, locationTexts] = await Promise.all([
      loadExceptionRows(db, [id]),
      loadTimetables(db, [id]),
      loadTranslations(db, 'service', [id], i18n.locale),
      loadTranslations(
        db,
        'location',
        record.locations.map((l) => l.location.id),
        i18n.locale,
      ),
    ]);
    const list = readShortlist(c);
    const flash = readFlash(c.req.query('done'));
    return c.html(
      page(
        <ServicePage
          i18n={i18n}
          record={record}
          exceptions={exceptions}
          translations={new Map([...serviceTexts, ...locationTexts])}
          now={now}
          flags={whenFlags(timetables.get(id), now)}
          inList={list.includes(id)}
          listCount={list.length}
          flash={flash === 'added' || flash === 'removed' || flash === 'full' ? flash : null}
        />,
      ),
    );
  });

  return app;
}
