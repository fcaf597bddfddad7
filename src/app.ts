/**
 * createApp: the composition root. Middleware in order, then each module's
 * routes. No logic lives here.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './platform/http/app-deps.ts';
import { healthRoutes } from './platform/health/health.routes.ts';
import { errorHandler } from './platform/http/errors.ts';
import { errorPage } from './platform/views/error-page.tsx';
import { bodyLimits, FORM_BODY_LIMIT, inputGuard } from './platform/http/input-guard.ts';
import { clientRequestId, PERMISSIONS_POLICY } from './platform/http/headers.ts';
import { staticRoutes } from './platform/http/static.routes.ts';
import { pageCache } from './platform/http/page-cache.ts';
import { directoryVersion, oneDirectoryVersion } from './modules/directory/directory-cache.ts';
import { i18nMiddleware } from './platform/i18n/i18n.middleware.ts';
import { findRoutes } from './modules/find/find.routes.tsx';
import { notFoundHtml } from './modules/find/not-found.tsx';
import { homeRoutes } from './modules/home/home.routes.tsx';
import { orukRoutes } from './modules/oruk/oruk.routes.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.tsx';
import { adminRoutes } from './modules/admin/admin.routes.tsx';
import { organisationsRoutes } from './modules/organisations/organisations.routes.tsx';
import { referralsRoutes } from './modules/referrals/referrals.routes.tsx';
import { groupLinkRoutes } from './modules/referrals/group-link.routes.tsx';
import { visitsRoutes } from './modules/referrals/visits.routes.tsx';
import { myVisitsSection } from './modules/referrals/my-visits.section.tsx';
import { listingsRoutes } from './modules/listings/listings.routes.tsx';
import { staffAuth } from './platform/auth/auth.middleware.ts';
import { originCheck } from './platform/auth/csrf.tsx';
import { redactPath } from './platform/auth/tokens.ts';
import { outboxNotifier } from './platform/notify/notifier.ts';
import { shortlistRoutes } from './modules/find/shortlist.routes.tsx';
import { peopleRoutes } from './modules/people/people.routes.tsx';
import { conversationPanel } from './modules/conversation/conversation.panel.tsx';
import { myAccessPanel } from './modules/person-view/my-access.panel.tsx';
import { conversationRoutes } from './modules/conversation/conversation.routes.tsx';
import { measuresRoutes } from './modules/measures/measures.routes.tsx';
import { qualityRoutes } from './modules/quality/quality.routes.tsx';
import { matchingRoutes } from './modules/matching/matching.routes.tsx';
import { reportsRoutes } from './modules/reports/reports.routes.tsx';
import { reportApiTokenAuth } from './modules/reports/api-tokens.middleware.ts';
import { safetyPublicRoutes, safetyStaffRoutes } from './modules/safety/safety.routes.tsx';
import { rightsAdminRoutes, rightsPublicRoutes } from './modules/safety/rights.routes.tsx';
import { unfairTreatmentRoutes } from './modules/reports/unfair-treatment.routes.tsx';
import { personViewRoutes } from './modules/person-view/person-view.routes.tsx';
import { fhirRoutes } from './modules/fhir/fhir.routes.ts';
import { handoverRoutes } from './modules/handover/handover.routes.tsx';
import { MAX_PACKAGE_BYTES } from './modules/handover/handover-package.ts';
import { befriendingRoutes } from './modules/befriending/befriending.routes.tsx';
import { befriendingPanel, pathwayPanel } from './modules/befriending/befriending.panel.tsx';
import { myBefriendingSection } from './modules/befriending/my-befriending.section.tsx';
import { crisisPersonRoutes, crisisStaffRoutes } from './modules/safety/crisis.routes.tsx';
import { safeguardingPanel } from './modules/safety/crisis.panel.tsx';

export function createApp(deps: AppDeps) {
  const app = new Hono();
  // Our own id for every request (the audit log keeps it), never the client's X-Request-Id: that one
  // is only logged, cleaned, next to ours, and the response says which id we gave the request.
  app.use(requestId({ headerName: '' }));
  // Pages are small, but a cheap phone on 2G still feels every byte: gzip everything compressible.
  app.use(compress());
  app.use(async (c, next) => {
    const started = performance.now();
    c.header('X-Request-Id', c.get('requestId'));
    await next();
    deps.log.info(
      {
        requestId: c.get('requestId'),
        clientRequestId: clientRequestId(c.req.header('x-request-id')),
        method: c.req.method,
        path: redactPath(c.req.path),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginResourcePolicy: false,
      permissionsPolicy: PERMISSIONS_POLICY,
    }),
  );
  // No body larger than its route needs (forms: FORM_BODY_LIMIT); the routes that take more, and why.
  app.use(
    bodyLimits(FORM_BODY_LIMIT, [
      {
        method: 'POST',
        path: '/staff/handovers/import',
        maxBytes: MAX_PACKAGE_BYTES + 64 * 1024,
        why: 'a hand-over package file (at most MAX_PACKAGE_BYTES) and its form fields',
      },
    ]),
  );
  // Every form submission must come from this site (CSRF, first layer; staff forms also carry a token).
  app.use(originCheck(deps.config.PUBLIC_URL));
  // NUL bytes, broken multipart forms and pages sent something else than a form: 400 before any route.
  app.use(inputGuard());

  app.route('/', staticRoutes());
  app.use(i18nMiddleware());
  // Public pages and open data: kept whole while the directory and the minute are unchanged, and a
  // repeat GET with If-None-Match is answered 304 without the body when the page is the same (weak:
  // the bytes on the wire differ when compressed).
  const publicPages = pageCache({
    version: () => directoryVersion(deps.database.db),
    now: deps.now ?? (() => new Date()),
    variant: (c) => c.get('i18n').locale,
  });
  for (const path of ['/', '/find', '/services/*', '/oruk', '/oruk/*']) {
    // A page that only reads uses one reading of the directory's version throughout.
    app.use(path, (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? oneDirectoryVersion(deps.database.db, next) : next()));
    // Outside the cache: answers the cache makes carry their ETag already; the others (a page that
    // sets a cookie, say) get one here.
    app.use(path, etag({ weak: true }));
    app.use(path, publicPages.middleware);
  }
  app.route('/', healthRoutes(deps.database));
  app.route('/', homeRoutes(deps));
  app.route('/', findRoutes(deps));
  app.route('/', shortlistRoutes(deps));
  app.route('/oruk', orukRoutes(deps));

  // Staff area: session, actor, policy-checked data access and CSRF token for everything below /staff and /admin.
  const now = deps.now ?? (() => new Date());
  const notifier = deps.notifier ?? outboxNotifier({ now });
  const auth = staffAuth({ database: deps.database, config: deps.config, now });
  app.use('/staff/*', auth);
  app.use('/admin/*', auth);
  app.use('/api/reports/*', auth);
  app.use('/api/reports/*', reportApiTokenAuth({ database: deps.database, now }));
  app.route('/', accountsRoutes({ ...deps, now }));
  app.route('/', organisationsRoutes({ config: deps.config, notifier }));
  app.route('/', conversationRoutes({ notifier }));
  // A person's page: their record, then each module's section in this order.
  app.route(
    '/',
    peopleRoutes({ panels: [safeguardingPanel(notifier), conversationPanel, myAccessPanel, befriendingPanel(notifier), pathwayPanel] }),
  );
  app.route('/', referralsRoutes({ notifier, config: deps.config }));
  app.route('/', groupLinkRoutes({ config: deps.config, database: deps.database, notifier, now }));
  app.route('/', visitsRoutes({ notifier }));
  app.route('/', handoverRoutes({ notifier }));
  app.route('/', listingsRoutes());
  app.route('/', adminRoutes());
  app.route('/', measuresRoutes({ config: deps.config }));
  app.route('/', qualityRoutes({ ...deps, now, notifier }));
  app.route('/', safetyPublicRoutes({ ...deps, now }));
  app.route('/', rightsPublicRoutes({ ...deps, now }));
  app.route('/', matchingRoutes({ ...deps, now }));
  app.route('/', reportsRoutes({ now }));
  app.route('/', safetyStaffRoutes({ now }));
  app.route('/', crisisStaffRoutes({ config: deps.config, notifier, now }));
  app.route('/', crisisPersonRoutes({ config: deps.config, database: deps.database, notifier, now }));
  app.route('/', rightsAdminRoutes({ now }));
  app.route('/', unfairTreatmentRoutes({ now }));
  app.route('/', befriendingRoutes({ notifier, db: deps.database.db, now, trustProxy: deps.config.TRUST_PROXY === 'on' }));
  app.route(
    '/',
    personViewRoutes({
      config: deps.config,
      database: deps.database,
      notifier,
      now,
      sections: [myBefriendingSection(deps.database.db), myVisitsSection(deps.database.db)],
    }),
  );
  app.route('/', fhirRoutes({ config: deps.config }));

  // People get a page in their language; programs (the API, static files) get JSON.
  app.notFound((c) =>
    c.get('i18n') && !c.req.path.startsWith('/oruk') && (c.req.header('accept') ?? '').includes('text/html')
      ? notFoundHtml(c)
      : c.json({ error: 'NotFound', message: 'There is nothing at this address.' }, 404),
  );
  app.onError(errorHandler(deps.log, errorPage));
  return app;
}

export type App = ReturnType<typeof createApp>;
