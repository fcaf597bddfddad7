/**
 * Reads one stored service back as a whole ServiceGraph — the shape
 * `saveServiceGraph` writes — so an edit form can change a part of it and
 * save the whole, losing nothing it did not show (capacities, imported
 * taxonomy attributes, holiday closures, …).
 */
import { loadServiceRecords } from '../directory/directory.service.ts';
import type { Executor } from '../../platform/db/executor.ts';
import { serviceGraphSchema, type ServiceGraph, type ServiceGraphInput } from '../directory/service-graph.ts';

const date = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The service as a graph, or null when there is no such service. Throws if the stored rows no longer validate. */
export async function loadServiceGraph(
  db: Executor,
  serviceId: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<ServiceGraph | null> {
  const [record] = await loadServiceRecords(db, [serviceId], today);
  if (!record) return null;
  const exceptions = record.scheduleExceptions;
  const capacities = record.capacities;
  const { service: s, organization: o, belong: b } = record;
  const input: ServiceGraphInput = {
    organization: { ...o, identifiers: o.identifiers },
    service: {
      ...s,
      assured_date: date(s.assured_date),
    },
    belong: b
      ? {
          ...b,
          faith: b.faith ?? null,
          modes: b.modes as never,
          food: b.food as never,
          support_kinds: b.support_kinds as never,
          audiences: b.audiences as never,
          accessibility: b.accessibility as never,
          requirements: b.requirements as never,
          safeguarding_review_date: date(b.safeguarding_review_date),
          review_due: date(b.review_due),
        }
      : undefined,
    locations: record.locations.map((l) => ({
      ...l.location,
      addresses: l.addresses,
      accessibility: l.accessibility,
      phones: l.phones,
      belong: { confidential: l.confidential, area_name: l.areaName },
    })),
    schedules: record.schedules.map((r) => ({
      ...r,
      valid_from: date(r.valid_from),
      valid_to: date(r.valid_to),
      dtstart: date(r.dtstart),
      until: date(r.until),
      wkst: r.wkst as never,
    })),
    schedule_exceptions: exceptions.map((e) => ({ ...e, starts_on: date(e.starts_on)!, ends_on: date(e.ends_on)! })),
    languages: record.languages.map((l) => ({ ...l, code: l.code ?? 'und' })),
    phones: record.phones,
    contacts: record.contacts,
    cost_options: record.costOptions.map((c) => ({ ...c, valid_from: date(c.valid_from), valid_to: date(c.valid_to) })),
    service_areas: record.serviceAreas,
    funding: record.funding,
    capacities: capacities.map((c) => ({
      id: c.id,
      unit: c.unit,
      available: c.available,
      maximum: c.maximum,
      description: c.description,
      updated: c.updated instanceof Date ? c.updated.toISOString() : c.updated,
    })),
    attributes: record.attributes.map((a) => ({ id: a.id, taxonomy_term_id: a.taxonomy_term_id, value: a.value })),
  };
  return serviceGraphSchema.parse(input);
}
