/**
 * Access-matrix rows for provider self-service (listing.view, listing.edit
 * through the section forms, listing.approve). Listed in
 * src/platform/auth/access-matrix.rows.ts.
 */
import type { Row } from '../../../test/support/access-matrix.ts';
import { PROVIDERS_A } from '../../../test/support/access-matrix.ts';
import { newId } from '../../platform/ids.ts';
import { listingsService } from './listings.service.ts';
import { parseSection } from './listing-form.ts';
import { sectionById } from './listing-sections.ts';

export const LISTINGS_ROWS: Row[] = [
  {
    action: 'listing.view',
    does: 'open a listing of organisation A for editing',
    allowed: ['administrator', ...PROVIDERS_A],
    attempt: (a, w) => listingsService(a).get(w.graphA.service.id),
  },
  {
    action: 'listing.edit',
    does: 'change the name of a service of organisation A through its “About” form',
    allowed: ['administrator', ...PROVIDERS_A],
    attempt: (a, w, cell) =>
      listingsService(a).edit(w.graphA.service.id, (g) =>
        parseSection(sectionById('about')!, g, {
          name: `Tea and chat ${cell}`,
          status: g.service.status,
          description: g.service.description,
        }),
      ),
    changed: async (w, cell) =>
      (await w.database.db.selectFrom('service').select('name').where('id', '=', w.graphA.service.id).executeTakeFirstOrThrow()).name ===
      `Tea and chat ${cell}`,
  },
  {
    action: 'listing.approve',
    does: 'see the changes waiting for approval',
    allowed: ['administrator'],
    attempt: (a) => listingsService(a).pendingApprovals(),
  },
  {
    action: 'listing.approve',
    does: 'reject a change asked for on a service of organisation A',
    allowed: ['administrator'],
    prepare: async (w) => {
      const id = newId();
      await w.database.db
        .insertInto('listing_change')
        .values({
          id,
          service_id: w.graphA.service.id,
          requested_by: w.accounts.providerStaff,
          requested_at: new Date(),
          changes: JSON.stringify([{ field: 'belong.safeguarding_policy', before: false, after: true }]),
        })
        .execute();
      return { change: id };
    },
    attempt: (a, _w, _c, t) => listingsService(a).decide(t.change!, 'rejected', 'No policy document was sent'),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('listing_change').select('status').where('id', '=', t.change!).executeTakeFirstOrThrow()).status ===
      'rejected',
  },
];
