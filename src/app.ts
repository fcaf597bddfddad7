/**
 * createApp: the composition root. Middleware in order, then each module's
 * routes. No logic lives here.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { healthRoutes } from './platform/health/health.routes.ts';
import { errorHandler } from './platform/http/errors.ts';
import { staticRoutes } from './platform/http/static.routes.ts';
import { i18nMiddleware } from './platform/i18n/i18n.middleware.ts';
import type { Logger } from './platform/log.ts';
import { homeRoutes } from './modules/home/home.routes.tsx';
import { orukRoutes } from './modules/oruk/oruk.routes.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  log: Logger;
}

export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use(requestId());
  // Pages are small, but a cheap phone on 2G still feels every byte: gzip everything compressible.
  app.use(compress());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.log.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
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
    }),
  );

  app.route('/', staticRoutes());
  app.use(i18nMiddleware());
  app.route('/', healthRoutes(deps.database));
  app.route('/', homeRoutes(deps));
  app.route('/oruk', orukRoutes(deps));

  app.notFound((c) => c.json({ error: 'NotFound', message: 'There is nothing at this address.' }, 404));
  app.onError(errorHandler(deps.log));
  return app;
}

export type App = ReturnType<typeof createApp>;
