/** The front page (home.views.tsx), with the directory's figures (home.service.ts). */
import { Hono } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { page } from '../../platform/views/layout.tsx';
import { readShortlist } from '../find/shortlist.cookie.ts';
import { countActiveListings } from './home.service.ts';
import { HomePage } from './home.views.tsx';

export function homeRoutes({ database }: Pick<AppDeps, 'database'>) {
  const app = new Hono();
  app.get('/', async (c) => {
    const figures = await countActiveListings(database.db);
    return c.html(page(<HomePage i18n={c.get('i18n')} listCount={readShortlist(c).length} figures={figures} />));
  });
  return app;
}
