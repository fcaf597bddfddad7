/**
 * Legacy Open Referral UK 1.0 service JSON (the older API many councils still
 * publish) → Belong's service graph.
 *
 * The 1.0 shape differs from ORUK 3: `regular_schedules` with a `weekday`
 * name, `holiday_schedules` (→ Belong's schedule exceptions),
 * `physical_addresses` on locations, `languages` as `{ language: "Urdu" }`
 * names, `eligibilitys` with age ranges, `service_taxonomys` with a
 * `vocabulary`, `fundings`, and `attending_type` / `attending_access` /
 * `deliverable_type` words. Ids are often numbers or free strings, so nearly
 * every id is derived (see import-record.ts).
 */
import type { BelongService, ServiceGraphInput } from '../directory/service-graph.ts';
import { builtinStatements, completeAddresses, countryCode, serviceStatus } from './feed-fields.ts';
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
  amountsOf,
  beginFeedService,
  locationAccessTexts,
  modesOfFeed,
  readAccessTexts,
  readSourceTerm,
  type FeedContext,
} from './oruk3.mapper.ts';
import { BelongStatements, modesFromText, patternRulesFor } from './vocabulary-mapping.ts';
import { readDays } from './text-transforms.ts';

type GraphLocation = NonNullable<ServiceGraphInput['locations']>[number];
type GraphSchedule = NonNullable<ServiceGraphInput['schedules']>[number];
type GraphException = NonNullable<ServiceGraphInput['schedule_exceptions']>[number];

const bool = (v: unknown): boolean | null => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return /^(true|yes|y|1)$/i.test(v.trim()) ? true : /^(false|no|n|0)$/i.test(v.trim()) ? false : null;
  if (typeof v === 'number') return v !== 0;
  return null;
};

/** Ages of 120 and over mean "no upper limit" in many feeds (e.g. 999). */
const age = (v: unknown): number | null => {
  const n = num(v);
  return n == null || n < 0 || n >= 120 ? null : Math.round(n);
};

function mapRegularSchedule(s: Json, id: string, locationId: string | null, warnings: string[]): GraphSchedule | null {
  let byday = str(s.byday)?.toUpperCase().replace(/\s+/g, '') ?? null;
  let freq = str(s.freq)?.toUpperCase() ?? null;
  const weekday = str(s.weekday);
  if (!byday && weekday) {
    const d = readDays(weekday);
    if (d.ok && d.value) {
      byday = d.value.byday;
      freq ??= d.value.freq;
    } else {
      warnings.push(`weekday "${weekday}" was not understood; the opening times were kept without a day`);
    }
  }
  if (freq === 'DAILY') {
    freq = 'WEEKLY';
    byday ??= 'MO,TU,WE,TH,FR,SA,SU';
  }
  if (byday && !freq) freq = 'WEEKLY';
  const opens = timeOnly(s.opens_at);
  const closes = timeOnly(s.closes_at);
  if (!byday && !opens && !closes && !str(s.description)) return null;
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
    valid_from: dateOnly(s.valid_from),
    valid_to: dateOnly(s.valid_to),
    opens_at: opens,
    closes_at: closes,
    description: str(s.description),
  };
}

function mapHolidaySchedule(h: Json, id: string): GraphException {
  const starts = dateOnly(h.start_date);
  return {
    id,
    starts_on: starts as string,
    ends_on: dateOnly(h.end_date) ?? (starts as string),
    closed: bool(h.closed) ?? true,
    opens_at: timeOnly(h.opens_at),
    closes_at: timeOnly(h.closes_at),
    description: str(h.description),
  };
}

function mapLocation1(loc: Json, source: string, warnings: string[]): { location: GraphLocation; link: SourceLink } {
  const ext = idOf(loc.id) ?? `name:${foldKey(str(loc.name) ?? JSON.stringify(loc))}`;
  const id = importedId(source, 'location', ext);
  const address = (a: Json, i: number, type: 'physical' | 'postal') => ({
    id: childId(id, `${type}_address`, i, a.id),
    attention: str(a.attention),
    address_1: str(a.address_1) as string,
    address_2: str(a.address_2),
    city: str(a.city) as string,
    region: str(a.region),
    state_province: str(a.state_province) ?? '',
    postal_code: str(a.postal_code) as string,
    country: countryCode(str(a.country)),
    address_type: type,
  });
  return {
    location: {
      id,
      name: str(loc.name),
      description: str(loc.description),
      latitude: num(loc.latitude),
      longitude: num(loc.longitude),
      addresses: completeAddresses(
        [
          ...arr(loc.physical_addresses).map((a, i) => address(a, i, 'physical')),
          ...arr(loc.postal_addresses).map((a, i) => address(a, i, 'postal')),
        ],
        warnings,
      ),
      accessibility: arr(loc.accessibility_for_disabilities).map((a, i) => ({
        id: childId(id, 'accessibility', i, a.id),
        description: str(a.accessibility) ?? str(a.description),
        details: str(a.details),
        url: str(a.url),
      })),
    },
    link: { entity: 'location', externalId: ext, entityId: id },
  };
}

/** `attending_access` words → how to get in. */
const ACCESS: Record<string, BelongService['entry']> = {
  referral: 'professional_referral',
  appointment: 'self_referral',
  membership: 'self_referral',
  'drop-in': 'drop_in',
  'drop in': 'drop_in',
  dropin: 'drop_in',
};
/** `deliverable_type` words → kinds of support. */
const DELIVERABLE: Record<string, BelongService['support_kinds'][number]> = {
  advice: 'advice',
  information: 'advice',
  'financial support': 'advice',
  counselling: 'therapy',
  training: 'skills',
};

const WOMEN = /^(female|females|women|woman|girls?|women only|women and girls|ladies)$/i;
const MEN = /^(male|males|men|man|boys?|men only|gentlemen)$/i;

/** Maps one ORUK 1.0 service object. Never throws: problems are returned in the record. */
export function mapOruk1Service(value: unknown, ctx: FeedContext, position: number): MappedRecord {
  const begun = beginFeedService(value, ctx, position);
  if (!('raw' in begun)) return begun;
  const { raw, ref, problems, warnings, externalId, sid, mappedOrg, links } = begun;

  const locations: GraphLocation[] = [];
  const schedules: GraphSchedule[] = [];
  const exceptions: GraphException[] = [];
  arr(raw.regular_schedules).forEach((s, i) => {
    const m = mapRegularSchedule(s, childId(sid, 'schedule', `service:${idOf(s.id) ?? i}`, s.id), null, warnings);
    if (m) schedules.push(m);
  });
  const addHoliday = (h: Json, id: string) => {
    if (dateOnly(h.start_date)) exceptions.push(mapHolidaySchedule(h, id));
    else warnings.push('a holiday schedule without a start date was left out');
  };
  arr(raw.holiday_schedules).forEach((h, i) => addHoliday(h, childId(sid, 'holiday', `service:${idOf(h.id) ?? i}`, h.id)));
  arr(raw.service_at_locations).forEach((sal, j) => {
    if (!isObject(sal.location)) {
      warnings.push('a service_at_location without a location was left out');
      return;
    }
    const { location, link } = mapLocation1(sal.location, ctx.source, warnings);
    if (!locations.some((l) => l.id === location.id)) {
      locations.push(location);
      links.push(link);
    }
    arr(sal.regular_schedules).forEach((s, i) => {
      const m = mapRegularSchedule(s, childId(sid, 'schedule', `sal${j}:${idOf(s.id) ?? i}`, s.id), location.id, warnings);
      if (m) schedules.push(m);
    });
    arr(sal.holiday_schedules).forEach((h, i) => addHoliday(h, childId(sid, 'holiday', `sal${j}:${idOf(h.id) ?? i}`, h.id)));
  });

  const languages: NonNullable<ServiceGraphInput['languages']> = [];
  for (const l of arr(raw.languages)) {
    const name = str(l.language) ?? str(l.name);
    const code = name ? languageCode(name) : null;
    if (!code) {
      warnings.push(name ? `language "${name}" is not one we know and was left out` : 'a language without a name was left out');
      continue;
    }
    if (languages.some((x) => x.code === code)) continue;
    languages.push({ id: childId(sid, 'language', code, l.id), code, name: languageName(code) ?? name });
  }

  const contacts = arr(raw.contacts).map((c, i) => {
    const id = childId(sid, 'contact', idOf(c.id) ?? i, c.id);
    return {
      id,
      name: str(c.name),
      title: str(c.title),
      email: str(c.email),
      phones: arr(c.phones)
        .filter((p) => str(p.number))
        .map((p, k) => ({
          id: childId(id, 'phone', k, p.id),
          number: str(p.number) as string,
          description: str(p.language) ? `Languages spoken: ${str(p.language)}` : null,
        })),
    };
  });

  const costOptions = arr(raw.cost_options).map((c, i) => {
    const amount = num(c.amount);
    return {
      id: childId(sid, 'cost_option', idOf(c.id) ?? i, c.id),
      option: str(c.option),
      currency: amount != null ? 'GBP' : null,
      amount,
      amount_description: str(c.amount_description),
      valid_from: dateOnly(c.valid_from),
      valid_to: dateOnly(c.valid_to),
    };
  });

  // Eligibility: women/men only becomes Belong's gender (other lines can be mapped); ages become the service's range.
  const statements = new BelongStatements();
  const unmapped: SourceTerm[] = [];
  const eligibilityTexts: string[] = [];
  const mins: number[] = [];
  const maxes: number[] = [];
  for (const e of arr(raw.eligibilitys ?? raw.eligibilities)) {
    const text = str(e.eligibility);
    if (text) {
      const gender = WOMEN.test(text) ? 'women_only' : MEN.test(text) ? 'men_only' : null;
      if (!gender) eligibilityTexts.push(text);
      readSourceTerm(ctx, { taxonomy: 'eligibility', code: idOf(e.id), name: text }, statements, unmapped, gender ? { gender } : undefined);
    }
    const lo = age(e.minimum_age);
    const hi = age(e.maximum_age);
    if (lo != null) mins.push(lo);
    if (hi != null) maxes.push(hi);
  }

  // Taxonomies: terms grouped by their vocabulary.
  const taxonomies = new Map<string, TaxonomyRow>();
  const terms = new Map<string, TaxonomyTermRow>();
  const attributes: NonNullable<ServiceGraphInput['attributes']> = [];
  for (const st of arr(raw.service_taxonomys ?? raw.service_taxonomies)) {
    const t = isObject(st.taxonomy) ? st.taxonomy : null;
    const termRaw = t ? idOf(t.id) : idOf(st.taxonomy_id);
    if (!t || !termRaw) {
      warnings.push('a service_taxonomy without its taxonomy term was left out');
      continue;
    }
    const vocabulary = str(t.vocabulary) ?? 'uncategorised';
    const taxonomyId = importedId(ctx.source, 'taxonomy', `vocabulary:${vocabulary}`);
    if (!taxonomies.has(taxonomyId)) {
      taxonomies.set(taxonomyId, {
        id: taxonomyId,
        name: vocabulary,
        description: `Imported from ${ctx.source}`,
        uri: null,
        version: null,
      });
    }
    const termExt = `${vocabulary}/${termRaw}`;
    const termId = importedId(ctx.source, 'taxonomy_term', termExt);
    const parent = idOf(t.parent);
    terms.set(termId, {
      id: termId,
      code: termRaw,
      name: str(t.name) ?? termRaw,
      description: str(t.description) ?? '',
      parent_id: parent ? importedId(ctx.source, 'taxonomy_term', `${vocabulary}/${parent}`) : null,
      taxonomy: vocabulary,
      taxonomy_id: taxonomyId,
      language: null,
      term_uri: null,
    });
    links.push({ entity: 'taxonomy_term', externalId: termExt, entityId: termId });
    readSourceTerm(ctx, { taxonomy: vocabulary, code: termRaw, name: str(t.name) }, statements, unmapped);
    if (!attributes.some((a) => a.taxonomy_term_id === termId)) {
      attributes.push({ id: childId(sid, 'attribute', termId, st.id), taxonomy_term_id: termId, value: null });
    }
  }

  const fees = str(raw.fees);
  const access = str(raw.attending_access);
  if (access) {
    const entry = ACCESS[access.toLowerCase()];
    readSourceTerm(ctx, { taxonomy: 'attending_access', code: null, name: access }, statements, unmapped, entry ? { entry } : undefined);
  }
  const attending = str(raw.attending_type);
  if (attending) {
    const modes = modesFromText(attending);
    readSourceTerm(
      ctx,
      { taxonomy: 'attending_type', code: null, name: attending },
      statements,
      unmapped,
      modes.length ? { modes } : undefined,
    );
  }
  const deliverable = str(raw.deliverable_type);
  if (deliverable) {
    const kind = DELIVERABLE[deliverable.toLowerCase()];
    readSourceTerm(
      ctx,
      { taxonomy: 'deliverable_type', code: null, name: deliverable },
      statements,
      unmapped,
      kind ? { support_kinds: [kind] } : undefined,
    );
  }
  const accessTexts = locationAccessTexts(locations);
  readAccessTexts(ctx, accessTexts, statements, unmapped);
  const texts = {
    name: str(raw.name),
    description: str(raw.description),
    eligibility: eligibilityTexts.join('; ') || null,
    eligibility_description: eligibilityTexts.join('; ') || null,
    application_process: str(raw.application_process),
    fees_description: fees,
    fees,
    interpretation_services: str(raw.interpretation_services),
    accessibility: accessTexts.join('. ') || null,
  };
  for (const set of patternRulesFor(ctx.mapping, texts)) statements.add('mapping', set);
  statements.add('builtin', builtinStatements(amountsOf(costOptions), fees, str(raw.application_process)));
  statements.add('builtin', modesOfFeed([], locations));
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
          eligibility_description: eligibilityTexts.length ? eligibilityTexts.join('; ') : null,
          minimum_age: mins.length ? Math.min(...mins) : ages.minimum_age,
          maximum_age: maxes.length ? Math.max(...maxes) : ages.maximum_age,
          assured_date: dateOnly(raw.assured_date),
        },
        belong,
        locations,
        schedules,
        schedule_exceptions: exceptions,
        languages,
        contacts,
        cost_options: costOptions,
        service_areas: arr(raw.service_areas).map((a, i) => ({
          id: childId(sid, 'service_area', idOf(a.id) ?? i, a.id),
          name: str(a.service_area) ?? str(a.name),
          extent: str(a.extent),
          uri: str(a.uri),
        })),
        funding: arr(raw.fundings ?? raw.funding).map((f, i) => ({
          id: childId(sid, 'funding', idOf(f.id) ?? i, f.id),
          source: str(f.source),
        })),
        attributes,
      }
    : null;

  return {
    ref,
    externalId,
    input,
    problems,
    warnings,
    taxonomies: [...taxonomies.values()],
    terms: [...terms.values()],
    links,
    unmappedTerms: unmapped,
  };
}
