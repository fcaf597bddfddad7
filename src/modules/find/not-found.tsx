/** The public "not found" page, in the person's language (used by every public module). */
import type { Context } from 'hono';
import { page } from '../../platform/views/layout.tsx';
import { readShortlist } from './shortlist.cookie.ts';
import { NotFoundPage } from './service.views.tsx';

/** An HTML "not found" page in the person's language. */
export function notFoundHtml(c: Context) {
  return c.html(page(<NotFoundPage i18n={c.get('i18n')} listCount={readShortlist(c).length} />), 404);
}
