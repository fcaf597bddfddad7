/** Reads who set each field of a listing (written by service-graph.repository.ts). */
import type { Executor } from '../../platform/db/executor.ts';
import type { FieldOrigin } from './field-origin.ts';

export interface FieldOriginRow {
  field: string;
  origin: FieldOrigin;
  source: string | null;
  changedAt: Date;
}

/** The fields of a service (and of its organisation) someone set, by field name. */
export async function loadFieldOrigins(db: Executor, serviceId: string, organizationId: string): Promise<Map<string, FieldOriginRow>> {
  const rows = await db
    .selectFrom('belong_field_origin')
    .select(['entity_id', 'field', 'origin', 'source', 'changed_at'])
    .where('entity_id', 'in', [serviceId, organizationId])
    .execute();
  return new Map(
    rows
      .filter((r) => (r.entity_id === organizationId) === r.field.startsWith('organization.'))
      .map((r) => [
        r.field,
        {
          field: r.field,
          origin: r.origin,
          source: r.source,
          changedAt: r.changed_at instanceof Date ? r.changed_at : new Date(r.changed_at),
        },
      ]),
  );
}
