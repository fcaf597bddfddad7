/**
 * Access-matrix rows for connection measures: only connectors of the
 * organisation holding the person's record may record or see a person's
 * measures (`otherConnector`, in another organisation, is refused, and so are
 * commissioners and administrators); area figures are for commissioners and
 * administrators only.
 */
import type { Row, World } from '../../../test/support/access-matrix.ts';
import { newId } from '../../platform/ids.ts';
import { measureRegistry } from './measure-registry.ts';
import { measuresService } from './measures.service.ts';

const registry = measureRegistry();

/** A person held by the connector's organisation (the GP practice). */
async function person(w: World, cell: string): Promise<Record<string, string>> {
  const id = newId();
  await w.database.db
    .insertInto('person')
    .values({ id, organisation_id: w.orgConnector, display_name: `Person ${cell}`, preferred_language: 'ar' })
    .execute();
  await w.database.db
    .insertInto('person_consent')
    .values({ id: newId(), person_id: id, kind: 'store', scope: ['record', 'measures'], given_by: 'verbal', granted_at: new Date() })
    .execute();
  return { person: id };
}

const answers = {
  occasion: 'baseline',
  occasionDate: '2025-01-15',
  mode: 'self',
  language: 'en',
  explanation: 'yes',
  declined: false,
  answers: { belonging: 'fairly_strongly' },
};

export const MEASURE_ROWS: Row[] = [
  {
    action: 'measure.record',
    does: 'record a measure for a person the connector’s organisation holds',
    allowed: ['connector'],
    prepare: person,
    attempt: (a, _w, _c, t) => measuresService(a, registry).record(t.person!, 'belonging', answers),
    changed: async (w, _c, t) =>
      !!(await w.database.db.selectFrom('measure_administration').select('id').where('person_id', '=', t.person!).executeTakeFirst()),
  },
  {
    action: 'measure.view',
    does: 'see the measures of a person the connector’s organisation holds',
    allowed: ['connector'],
    prepare: person,
    attempt: (a, _w, _c, t) => measuresService(a, registry).history(t.person!),
  },
  {
    action: 'measure.summary',
    does: 'see area-wide measure figures',
    allowed: ['administrator', 'commissioner'],
    attempt: (a) => measuresService(a, registry).summary(),
  },
];
