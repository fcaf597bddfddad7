/**
 * Public finding pages: GET /find (search and filter, a bookmarkable GET
 * form) and GET /services/:id (one service in full). Server-rendered in the
 * person's language, working without JavaScript. Mount after the i18n
 * middleware.
 *
 * The clock is injectable so "on today" and "open now" can be tested; the
 * postcode table too.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { isUuid } from '../../platform/ids.ts';
import { page } from '../../platform/views/layout.tsx';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { lookupPlace } from '../geo/postcodes.ts';
import { readShortlist } from './shortlist.cookie.ts';
import { readFlash } from './shortlist.ts';
import { resultCard } from './cards.ts';
import { askedLanguage } from './presenters.ts';
import { parseFindUrl, type FindProblem } from './find-query.ts';
import { resolvePlace, type PlaceLookupFn } from './find-place.ts';
import { PER_PAGE } from './find-search.ts';
import { localNow, whenFlags } from './find-when.ts';
import { findServices, languagesOffered, loadServicePage } from './find.service.ts';
import { FindPage } from './find.views.tsx';
import { notFoundHtml } from './not-found.tsx';
import { ServicePage } from './service.views.tsx';

export interface FindRouteOptions {
  /** The current time; defaults to the system clock. */
  now?: () => Date;
  lookupPlace?: PlaceLookupFn;
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
    const languages = await languagesOffered(db);
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

    const outcome = await findServices(db, query, place, now);
    const local = localNow(now);
    const cards = outcome.records.map((r) =>
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
          didYouMean={resolved.ok ? (resolved.didYouMean ?? null) : null}
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
    const data = await loadServicePage(db, id, i18n.locale, now);
    if (!data) return notFoundHtml(c);
    const list = readShortlist(c);
    const flash = readFlash(c.req.query('done'));
    return c.html(
      page(
        <ServicePage
          i18n={i18n}
          record={data.record}
          exceptions={data.exceptions}
          translations={data.translations}
          now={now}
          flags={whenFlags(data.timetable, now)}
          inList={list.includes(id)}
          listCount={list.length}
          flash={flash === 'added' || flash === 'removed' || flash === 'full' ? flash : null}
        />,
      ),
    );
  });

  return app;
}
