/**
 * Open Referral UK 3.0 (HSDS 3) service JSON → Belong's service graph.
 *
 * Reads a fully nested service as published by `/services/{id}` (and as the
 * lighter list items of `/services`): organisation, service at locations with
 * their location, addresses and accessibility, schedules, languages, phones,
 * contacts, costs, service areas, funding and attributes with their taxonomy
 * terms. Attributes in Belong's own vocabulary become Belong's extension
 * fields again; other terms are imported as taxonomy terms so the attributes
 * can point at them.
 *
 * A service must come with its organisation. When it only names
 * `organization_id`, the organisation given with an earlier service in the
 * same run is used; otherwise the service is rejected with that reason.
 */
import { uuidV5 } from '../../platform/ids.ts';
import { BELONG_TAXONOMY } from '../directory/vocabulary.ts';
import type { ServiceGraphInput } from '../directory/service-graph.ts';
import {
  belongCodeOf,
  belongSetFromTerms,
  builtinStatements,
  completeAddresses,
  countryCode,
  serviceStatus,
  type BelongTermValue,
} from './feed-fields.ts';
import {
  arr,
  childId,
  dateOnly,
  foldKey,
  idOf,
  importedId,
  isObject,
  num,
  str,
  timeOnly,
  type Json,
  type MappedRecord,
  type SourceLink,
  type SourceTerm,
  type TaxonomyRow,
  type TaxonomyTermRow,
} from './import-record.ts';
import { languageCode, languageName } from './language-names.ts';
import {
  accessFromText,
  BelongStatements,
  EMPTY_MAPPING,
  modesFromText,
  patternRulesFor,
  termRulesFor,
  type BelongSet,
  type VocabularyMapping,
} from './vocabulary-mapping.ts';

type GraphLocation = NonNullable<ServiceGraphInput['locations']>[number];
type GraphSchedule = NonNullable<ServiceGraphInput['schedules']>[number];
type GraphPhone = NonNullable<ServiceGraphInput['phones']>[number];

export interface FeedContext {
  /** Name of the source; part of every derived id. */
  source: string;
  /** Organisations met earlier in this run, by their id in the source. */
  organizations: Map<string, Json>;
  /** How the feed's own terms and words map onto Belong's fields. */
  mapping: VocabularyMapping;
  /** 'YYYY-MM-DD': the day of the import. */
  today: string;
}

export const newFeedContext = (
  source: string,
  mapping: VocabularyMapping = EMPTY_MAPPING,
  today = new Date().toISOString().slice(0, 10),
): FeedContext => ({
  source,
  organizations: new Map(),
  mapping,
  today,
});

/**
 * A term that is mapped (by the mapping file, or by a built-in reading) adds
 * what it states; one nobody mapped is listed for the dry run.
 */
export function readSourceTerm(
  ctx: FeedContext,
  term: SourceTerm,
  statements: BelongStatements,
  unmapped: SourceTerm[],
  builtin?: BelongSet,
): void {
  const sets = termRulesFor(ctx.mapping, term);
  for (const set of sets) statements.add('mapping', set);
  if (builtin && Object.keys(builtin).length) statements.add('builtin', builtin);
  else if (!sets.length) unmapped.push(term);
}

/** Ways of attending a feed states: schedules' attending types, and physical places the service is delivered at. */
export function modesOfFeed(attendingTypes: (string | null)[], locations: GraphLocation[]): BelongSet {
  const modes = attendingTypes.flatMap(modesFromText);
  const physical = locations.some(
    (l) =>
      (l.location_type ?? 'physical') === 'physical' && ((l.addresses?.length ?? 0) > 0 || (l.latitude != null && l.longitude != null)),
  );
  if (physical) modes.push('in_person');
  return modes.length ? { modes } : {};
}

/** "service 42" when the record has an id, else its position in the feed. */
export const feedRef = (raw: unknown, position: number): string => {
  const id = isObject(raw) ? idOf(raw.id) : null;
  return id ? `service ${id}` : `record ${position}`;
};

export function mapPhones(list: unknown, parentId: string, kind: string, warnings: string[]): GraphPhone[] {
  const out: GraphPhone[] = [];
  arr(list).forEach((p, i) => {
    const number = str(p.number);
    if (!number) {
      warnings.push(`a phone without a number was left out`);
      return;
    }
    out.push({
      id: childId(parentId, kind, i, p.id),
      number,
      extension: str(p.extension),
      type: str(p.type),
      description: str(p.description),
    });
  });
  return out;
}

/** Turns an ORUK 3 organisation object into the graph's organisation. */
export function mapOrganization(org: Json, source: string): { organization: ServiceGraphInput['organization']; link: SourceLink | null } {
  const ext = idOf(org.id) ?? (str(org.name) ? `name:${foldKey(str(org.name)!)}` : null);
  const id = ext ? importedId(source, 'organization', ext) : uuidV5(`${source}:organization:(none)`);
  const identifiers = arr(org.organization_identifiers ?? org.identifiers)
    .map((x, i) => {
      const identifier = str(x.identifier);
      if (!identifier) return null;
      return {
        id: childId(id, 'identifier', i, x.id),
        identifier_scheme: str(x.identifier_scheme),
        identifier_type: str(x.identifier_type) ?? str(x.identifier_scheme) ?? 'identifier',
        identifier,
      };
    })
    .filter((x) => x !== null);
  const parent = idOf(org.parent_organization_id);
  return {
    organization: {
      id,
      name: str(org.name) as string,
      alternate_name: str(org.alternate_name),
      description: str(org.description) ?? '',
      email: str(org.email),
      website: str(org.website) ?? str(org.url),
      logo: str(org.logo),
      uri: str(org.uri),
      legal_status: str(org.legal_status),
      parent_organization_id: parent ? importedId(source, 'organization', parent) : null,
      identifiers,
    },
    link: ext ? { entity: 'organization', externalId: ext, entityId: id } : null,
  };
}

function mapLocation(loc: Json, source: string, warnings: string[]): { location: GraphLocation; link: SourceLink } {
  const ext = idOf(loc.id) ?? `name:${foldKey(str(loc.name) ?? JSON.stringify(loc))}`;
  const id = importedId(source, 'location', ext);
  const addresses = completeAddresses(
    arr(loc.addresses).map((a, i) => ({
      id: childId(id, 'address', i, a.id),
      attention: str(a.attention),
      address_1: str(a.address_1) as string,
      address_2: str(a.address_2),
      city: str(a.city) as string,
      region: str(a.region),
      state_province: str(a.state_province) ?? '',
      postal_code: str(a.postal_code) as string,
      country: countryCode(str(a.country)),
      address_type: (str(a.address_type)?.toLowerCase() ?? 'physical') as 'physical',
    })),
    warnings,
  );
  const accessibility = arr(loc.accessibility).map((a, i) => ({
    id: childId(id, 'accessibility', i, a.id),
    description: str(a.description) ?? str(a.accessibility),
    details: str(a.details),
    url: str(a.url),
  }));
  // Another Belong marks its places' area, and a private address, with its own terms.
  let confidential = false;
  let areaName: string | null = null;
  for (const a of arr(loc.attributes)) {
    const term = isObject(a.taxonomy_term) ? a.taxonomy_term : null;
    const code = belongCodeOf(idOf(a.taxonomy_term_id) ?? (term ? idOf(term.id) : null), term);
    if (code === 'place:confidential') confidential = true;
    if (code === 'place:area') areaName = str(a.value);
  }
  return {
    location: {
      id,
      location_type: (str(loc.location_type)?.toLowerCase() ?? 'physical') as 'physical',
      name: str(loc.name),
      alternate_name: str(loc.alternate_name),
      description: str(loc.description),
      transportation: str(loc.transportation),
      url: str(loc.url),
      latitude: num(loc.latitude),
      longitude: num(loc.longitude),
      external_identifier: str(loc.external_identifier),
      external_identifier_type: str(loc.external_identifier_type),
      addresses,
      accessibility,
      phones: mapPhones(loc.phones, id, 'phone', warnings),
      belong: { confidential, area_name: areaName },
    },
    link: { entity: 'location', externalId: ext, entityId: id },
  };
}

function mapSchedule(s: Json, id: string, locationId: string | null): GraphSchedule {
  let freq = str(s.freq)?.toUpperCase() ?? null;
  let byday = str(s.byday)?.toUpperCase().replace(/\s+/g, '') ?? null;
  // DAILY is every day of the week.
  if (freq === 'DAILY') {
    freq = 'WEEKLY';
    byday ??= 'MO,TU,WE,TH,FR,SA,SU';
  }
  return {
    id,
    location_id: locationId,
    freq: freq as 'WEEKLY' | null,
    interval: num(s.interval),
    byday,
    bymonthday: str(s.bymonthday)?.replace(/\s+/g, '') ?? null,
    dtstart: dateOnly(s.dtstart),
    until: dateOnly(s.until),
    count: num(s.count),
    wkst: (str(s.wkst)?.toUpperCase() ?? null) as 'MO' | null,
    valid_from: dateOnly(s.valid_from),
    valid_to: dateOnly(s.valid_to),
    opens_at: timeOnly(s.opens_at),
    closes_at: timeOnly(s.closes_at),
    description: str(s.description),
    attending_type: str(s.attending_type),
    notes: str(s.notes),
    schedule_link: str(s.schedule_link),
  };
}

/** Attributes → Belong terms, the feed's own terms (to import and to map), and the graph's attributes. */
function mapAttributes(list: unknown, serviceId: string, source: string, warnings: string[]) {
  const belongTerms: BelongTermValue[] = [];
  const sourceTerms: SourceTerm[] = [];
  const taxonomies = new Map<string, TaxonomyRow>();
  const terms = new Map<string, TaxonomyTermRow>();
  const attributes: NonNullable<ServiceGraphInput['attributes']> = [];
  const links: SourceLink[] = [];
  for (const a of arr(list)) {
    const term = isObject(a.taxonomy_term) ? a.taxonomy_term : null;
    const rawTermId = idOf(a.taxonomy_term_id) ?? (term ? idOf(term.id) : null);
    const code = belongCodeOf(rawTermId, term);
    if (code) {
      belongTerms.push({ code, value: str(a.value) });
      continue;
    }
    if (term && idOf(term.taxonomy_id) === BELONG_TAXONOMY.id) {
      // A newer Belong's term this version does not know: never add it to our own vocabulary.
      warnings.push(`the Belong term "${str(term.code) ?? str(term.name) ?? rawTermId}" is not known here and was left out`);
      continue;
    }
    const termName = term ? (str(term.name) ?? str(term.term)) : null;
    const termExt = rawTermId ?? (termName ? `name:${foldKey(termName)}` : null);
    if (!termExt) {
      warnings.push('an attribute without a taxonomy term was left out');
      continue;
    }
    const termId = importedId(source, 'taxonomy_term', termExt);
    if (term) {
      const detail = isObject(term.taxonomy_detail) ? term.taxonomy_detail : null;
      const taxonomyName = str(term.taxonomy) ?? (detail ? str(detail.name) : null);
      const rawTaxonomyId = idOf(term.taxonomy_id) ?? (detail ? idOf(detail.id) : null);
      const taxonomyId = rawTaxonomyId
        ? importedId(source, 'taxonomy', rawTaxonomyId)
        : taxonomyName
          ? importedId(source, 'taxonomy', `name:${foldKey(taxonomyName)}`)
          : null;
      if (taxonomyId && !taxonomies.has(taxonomyId)) {
        taxonomies.set(taxonomyId, {
          id: taxonomyId,
          name: taxonomyName ?? `Terms from ${source}`,
          description: (detail ? str(detail.description) : null) ?? `Imported from ${source}`,
          uri: detail ? str(detail.uri) : null,
          version: detail ? str(detail.version) : null,
        });
      }
      const parent = idOf(term.parent_id);
      terms.set(termId, {
        id: termId,
        code: str(term.code),
        name: termName ?? termExt,
        description: str(term.description) ?? '',
        parent_id: parent ? importedId(source, 'taxonomy_term', parent) : null,
        taxonomy: taxonomyName,
        taxonomy_id: taxonomyId,
        language: str(term.language),
        term_uri: str(term.term_uri),
      });
      links.push({ entity: 'taxonomy_term', externalId: termExt, entityId: termId });
      if (!sourceTerms.some((t) => t.taxonomyId === rawTaxonomyId && t.code === str(term.code) && t.name === termName)) {
        sourceTerms.push({ taxonomy: taxonomyName, taxonomyId: rawTaxonomyId, code: str(term.code), name: termName });
      }
    }
    if (attributes.some((x) => x.taxonomy_term_id === termId)) continue;
    attributes.push({ id: childId(serviceId, 'attribute', termId, a.id), taxonomy_term_id: termId, value: str(a.value) });
  }
  return { belongTerms, sourceTerms, taxonomies: [...taxonomies.values()], terms: [...terms.values()], attributes, links };
}

/** The accessibility texts of a service's locations, one per accessibility row. */
export function locationAccessTexts(locations: GraphLocation[]): string[] {
  return locations.flatMap((l) => (l.accessibility ?? []).map((a) => [a.description, a.details].filter(Boolean).join('. ')));
}

/** Reads each distinct accessibility text as a source term (the mapping first, then what the words say). */
export function readAccessTexts(ctx: FeedContext, texts: string[], statements: BelongStatements, unmapped: SourceTerm[]): void {
  for (const text of [...new Set(texts)].filter(Boolean)) {
    readSourceTerm(ctx, { taxonomy: 'accessibility', code: null, name: text }, statements, unmapped, {
      accessibility: accessFromText(text),
    });
  }
}

/** The stated amounts of a service's cost options. */
export const amountsOf = (costOptions: { amount: number | null }[]): number[] =>
  costOptions.flatMap((c) => (c.amount != null ? [c.amount] : []));

/** What both feed mappers read first: the service's own id, and its organisation (inline or named earlier in the feed). */
export interface FeedServiceStart {
  raw: Json;
  ref: string;
  problems: string[];
  warnings: string[];
  externalId: string;
  sid: string;
  mappedOrg: ReturnType<typeof mapOrganization> | null;
  links: SourceLink[];
}

/** Starts mapping one service object; a value that is not an object is returned at once as a rejected record. */
export function beginFeedService(raw: unknown, ctx: FeedContext, position: number): FeedServiceStart | MappedRecord {
  const ref = feedRef(raw, position);
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!isObject(raw)) return { ref, externalId: ref, input: null, problems: ['is not a JSON object'], warnings };
  const ext = idOf(raw.id);
  if (!ext) problems.push('the service has no id');
  const externalId = ext ?? ref;
  const sid = importedId(ctx.source, 'service', externalId);

  let org = isObject(raw.organization) ? raw.organization : null;
  const orgRef = idOf(raw.organization_id) ?? (org ? idOf(org.id) : null);
  if (org && orgRef) ctx.organizations.set(orgRef, org);
  if (!org && orgRef) org = ctx.organizations.get(orgRef) ?? null;
  if (!org) {
    problems.push(
      orgRef
        ? `the service names organization_id ${orgRef} but the organisation itself is not in this feed before it`
        : 'the service has no organisation',
    );
  }
  const mappedOrg = org ? mapOrganization(org, ctx.source) : null;
  const links: SourceLink[] = mappedOrg?.link ? [mappedOrg.link] : [];
  return { raw, ref, problems, warnings, externalId, sid, mappedOrg, links };
}

/** Maps one ORUK 3 service object. Never throws: problems are returned in the record. */
export function mapOruk3Service(value: unknown, ctx: FeedContext, position: number): MappedRecord {
  const begun = beginFeedService(value, ctx, position);
  if (!('raw' in begun)) return begun;
  const { raw, ref, problems, warnings, externalId, sid, mappedOrg, links } = begun;

  // Locations, and which location each service-at-location id stands for.
  const locations: GraphLocation[] = [];
  const salToLocation = new Map<string, string>();
  const extLocationToId = new Map<string, string>();
  const schedules: GraphSchedule[] = [];
  const seenSchedules = new Set<string>();
  arr(raw.service_at_locations).forEach((sal) => {
    if (!isObject(sal.location)) {
      warnings.push(`service_at_location ${idOf(sal.id) ?? ''} has no location object and was left out`.replace('  ', ' '));
      return;
    }
    const { location, link } = mapLocation(sal.location, ctx.source, warnings);
    const salId = idOf(sal.id);
    if (salId) salToLocation.set(salId, location.id);
    extLocationToId.set(link.externalId, location.id);
    if (!locations.some((l) => l.id === location.id)) {
      locations.push(location);
      links.push(link);
    }
    arr(sal.schedules).forEach((s, i) => {
      const key = idOf(s.id) ?? `${location.id}:${i}`;
      if (seenSchedules.has(key)) return;
      seenSchedules.add(key);
      schedules.push(mapSchedule(s, childId(sid, 'schedule', `sal:${key}`, s.id), location.id));
    });
  });
  arr(raw.schedules).forEach((s, i) => {
    const key = idOf(s.id) ?? `service:${i}`;
    if (seenSchedules.has(key)) return;
    seenSchedules.add(key);
    const salId = idOf(s.service_at_location_id);
    const locExt = idOf(s.location_id);
    const locationId = (salId && salToLocation.get(salId)) || (locExt && extLocationToId.get(locExt)) || null;
    schedules.push(mapSchedule(s, childId(sid, 'schedule', key, s.id), locationId));
  });

  const languages: NonNullable<ServiceGraphInput['languages']> = [];
  for (const l of arr(raw.languages)) {
    const given = str(l.code);
    // Codes are kept; a few old ones are modernised ("sgn-GB" → "bfi").
    const code = given ? (languageCode(given) ?? given.toLowerCase()) : str(l.name) ? languageCode(str(l.name)!) : null;
    if (!code) {
      if (str(l.name)) warnings.push(`language "${str(l.name)}" is not one we know and was left out`);
      else warnings.push('a language without a code or name was left out');
      continue;
    }
    if (languages.some((x) => x.code === code)) continue;
    languages.push({ id: childId(sid, 'language', code, l.id), code, name: str(l.name) ?? languageName(code), note: str(l.note) });
  }

  const contacts = arr(raw.contacts).map((c, i) => {
    const id = childId(sid, 'contact', i, c.id);
    return {
      id,
      name: str(c.name),
      title: str(c.title),
      department: str(c.department),
      email: str(c.email),
      phones: mapPhones(c.phones, id, 'phone', warnings),
    };
  });

  const costOptions = arr(raw.cost_options).map((c, i) => {
    const amount = num(c.amount);
    return {
      id: childId(sid, 'cost_option', i, c.id),
      option: str(c.option),
      currency: str(c.currency) ?? (amount != null ? 'GBP' : null),
      amount,
      amount_description: str(c.amount_description),
      valid_from: dateOnly(c.valid_from),
      valid_to: dateOnly(c.valid_to),
    };
  });

  const attrs = mapAttributes(raw.attributes, sid, ctx.source, warnings);
  links.push(...attrs.links);
  const fees = str(raw.fees_description) ?? str(raw.fees);
  const assured = dateOnly(raw.assured_date);

  // Belong's fields: Belong's own terms, then the mapping, then what the feed says in plain fields.
  // Another Belong's service says everything it knows in its terms: nothing is read from its plain fields.
  const fromBelong = str(raw.belong_taxonomy_version) !== null;
  const statements = new BelongStatements();
  const unmapped: SourceTerm[] = [];
  statements.add('belong', belongSetFromTerms(attrs.belongTerms, { assuredDate: assured, today: ctx.today }, warnings));
  for (const t of attrs.sourceTerms) readSourceTerm(ctx, t, statements, unmapped);
  const accessTexts = locationAccessTexts(locations);
  if (!fromBelong) readAccessTexts(ctx, accessTexts, statements, unmapped);
  const texts = {
    name: str(raw.name),
    description: str(raw.description),
    eligibility_description: str(raw.eligibility_description),
    application_process: str(raw.application_process),
    fees_description: fees,
    interpretation_services: str(raw.interpretation_services),
    alert: str(raw.alert),
    accessibility: accessTexts.join('. ') || null,
  };
  for (const set of patternRulesFor(ctx.mapping, texts)) statements.add('mapping', set);
  if (!fromBelong) {
    statements.add('builtin', builtinStatements(amountsOf(costOptions), fees, str(raw.application_process)));
    statements.add(
      'builtin',
      modesOfFeed(
        schedules.map((sc) => sc.attending_type ?? null),
        locations,
      ),
    );
  }
  const { belong, ages } = statements.result(warnings);

  const input: ServiceGraphInput | null = mappedOrg
    ? {
        organization: mappedOrg.organization,
        service: {
          id: sid,
          name: str(raw.name) as string,
          alternate_name: str(raw.alternate_name),
          description: str(raw.description) ?? '',
          url: str(raw.url),
          email: str(raw.email),
          status: serviceStatus(str(raw.status)) as 'active' | undefined,
          interpretation_services: str(raw.interpretation_services),
          application_process: str(raw.application_process),
          fees_description: fees,
          accreditations: str(raw.accreditations),
          eligibility_description: str(raw.eligibility_description),
          minimum_age: num(raw.minimum_age) ?? ages.minimum_age,
          maximum_age: num(raw.maximum_age) ?? ages.maximum_age,
          assured_date: assured,
          assurer_email: str(raw.assurer_email),
          alert: str(raw.alert),
        },
        belong,
        locations,
        schedules,
        languages,
        phones: mapPhones(raw.phones, sid, 'phone', warnings),
        contacts,
        cost_options: costOptions,
        service_areas: arr(raw.service_areas).map((a, i) => ({
          id: childId(sid, 'service_area', i, a.id),
          name: str(a.name) ?? str(a.service_area),
          description: str(a.description),
          extent: str(a.extent),
          extent_type: str(a.extent_type),
          uri: str(a.uri),
        })),
        funding: arr(raw.funding).map((f, i) => ({ id: childId(sid, 'funding', i, f.id), source: str(f.source) })),
        capacities: arr(raw.capacities).flatMap((c, i) => {
          const unit = isObject(c.unit) ? c.unit : null;
          const available = num(c.available);
          if (!unit || !str(unit.name) || available == null) {
            warnings.push('a capacity without a unit name or a number available was left out');
            return [];
          }
          const id = childId(sid, 'capacity', i, c.id);
          return [
            {
              id,
              unit: {
                id: childId(id, 'unit', 0, unit.id),
                name: str(unit.name) as string,
                scheme: str(unit.scheme),
                identifier: str(unit.identifier),
                uri: str(unit.uri),
              },
              available,
              maximum: num(c.maximum),
              description: str(c.description),
              updated: str(c.updated),
            },
          ];
        }),
        schedule_exceptions: arr(raw.belong_schedule_exceptions).map((e, i) => {
          const schedule = idOf(e.schedule_id);
          return {
            id: childId(sid, 'schedule_exception', i, e.id),
            schedule_id: schedule && schedules.some((sc) => sc.id === schedule.toLowerCase()) ? schedule.toLowerCase() : null,
            starts_on: dateOnly(e.starts_on) as string,
            ends_on: dateOnly(e.ends_on) ?? (dateOnly(e.starts_on) as string),
            closed: typeof e.closed === 'boolean' ? e.closed : true,
            opens_at: timeOnly(e.opens_at),
            closes_at: timeOnly(e.closes_at),
            description: str(e.description),
          };
        }),
        attributes: attrs.attributes,
      }
    : null;

  return { ref, externalId, input, problems, warnings, taxonomies: attrs.taxonomies, terms: attrs.terms, links, unmappedTerms: unmapped };
}
