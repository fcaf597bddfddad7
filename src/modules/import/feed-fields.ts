/**
 * Pieces both Open Referral feed mappers (ORUK 3 and the legacy 1.0 API)
 * need: countries, statuses, and turning Belong's own vocabulary terms back
 * into Belong's extension fields, so a feed published by another Belong keeps
 * "women only", "drop in", "crèche" and the rest when imported here.
 */
import { BELONG_TAXONOMY, SAFEGUARDING_TERMS, vocabularyTermById, VOCABULARY } from '../directory/vocabulary.ts';
import {
  ACCESS_FEATURES,
  AUDIENCES,
  CAPACITY_STATUSES,
  COST_BANDS,
  ELIGIBILITIES,
  ENTRIES,
  FAITHS,
  FOODS,
  GENDERS,
  HELP_FLAGS,
  MODES,
  REQUIREMENTS,
  SAFEGUARDING_FLAGS,
  SUPPORT_KINDS,
  type ServiceGraphInput,
} from '../directory/service-graph.ts';
import { costBandFor, readEntry } from './text-transforms.ts';
import type { BelongSet } from './vocabulary-mapping.ts';

const COUNTRIES: Record<string, string> = {
  uk: 'GB',
  gb: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  cymru: 'GB',
  'northern ireland': 'GB',
};

/** "United Kingdom", "England", "uk" → "GB"; a two-letter code is kept; blank → "GB". Anything else is passed on for validation to report. */
export function countryCode(v: string | null): string {
  if (!v) return 'GB';
  const t = v.trim().toLowerCase().replace(/\s+/g, ' ');
  return COUNTRIES[t] ?? (/^[a-z]{2}$/.test(t) ? t.toUpperCase() : v.trim());
}

type GraphAddress = NonNullable<NonNullable<ServiceGraphInput['locations']>[number]['addresses']>[number];

/**
 * Addresses with a street, town and postcode. Feeds often carry partial ones;
 * rather than reject the whole service, an incomplete address is left out
 * with a warning (the location keeps its name and coordinates).
 */
export function completeAddresses(addresses: GraphAddress[], warnings: string[]): GraphAddress[] {
  return addresses.filter((a) => {
    const missing = [!a.address_1 && 'street', !a.city && 'town', !a.postal_code && 'postcode'].filter(Boolean);
    if (missing.length) warnings.push(`an address without a ${missing.join(', ')} was left out`);
    return !missing.length;
  });
}

/** Lower-cased status; "Active" → "active", "temporarily_closed" → "temporarily closed". */
export function serviceStatus(v: string | null): string | undefined {
  if (!v) return undefined;
  return v.trim().toLowerCase().replace(/[_-]+/g, ' ');
}

const BELONG_CODES = new Set(VOCABULARY.map((t) => t.code));

/** The Belong vocabulary code ("gender:women_only") of a term from a feed, or null for other taxonomies. */
export function belongCodeOf(termId: string | null, term: Record<string, unknown> | null): string | null {
  const known = termId ? vocabularyTermById(termId) : undefined;
  if (known) return known.code;
  const code = term && typeof term.code === 'string' ? term.code : null;
  const taxonomyId = term && typeof term.taxonomy_id === 'string' ? term.taxonomy_id : null;
  const taxonomyName = term && typeof term.taxonomy === 'string' ? term.taxonomy : null;
  if (code && BELONG_CODES.has(code) && (taxonomyId === BELONG_TAXONOMY.id || taxonomyName === BELONG_TAXONOMY.name)) return code;
  return null;
}

const inList = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** A Belong term as a feed gives it: its code and the attribute's value (texts, dates). */
export interface BelongTermValue {
  code: string;
  value: string | null;
}

/** "no_step_free" → ["step_free", false]. */
const yesNo = (value: string): [string, boolean] => (value.startsWith('no_') ? [value.slice(3), false] : [value, true]);

/**
 * Belong's extension fields from Belong vocabulary terms (another Belong's
 * feed): every term is read, so exporting from one Belong and importing into
 * another loses nothing. A feed from an older Belong carries only
 * "vetting:vetted" for safeguarding: the record is then taken as complete,
 * reviewed on the feed's "last checked" date (or today), with a warning.
 */
export function belongSetFromTerms(
  terms: BelongTermValue[],
  opts: { assuredDate: string | null; today: string },
  warnings: string[],
): BelongSet {
  const b: BelongSet = {};
  const add = <K extends 'audiences' | 'modes' | 'food' | 'support_kinds' | 'communities'>(k: K, v: NonNullable<BelongSet[K]>[number]) => {
    const list = (b[k] ?? []) as unknown[];
    if (!list.includes(v)) list.push(v);
    (b as Record<string, unknown>)[k] = list;
  };
  let vetted = false;
  for (const { code, value: attributeValue } of terms) {
    const [group, value = ''] = code.split(':');
    switch (group) {
      case 'gender':
        if (inList(GENDERS, value)) b.gender = value;
        break;
      case 'audience':
        if (inList(AUDIENCES, value)) add('audiences', value);
        break;
      case 'eligibility':
        if (inList(ELIGIBILITIES, value)) b.eligibility = value;
        break;
      case 'entry':
        if (inList(ENTRIES, value)) b.entry = value;
        break;
      case 'requires': {
        const [key, yes] = yesNo(value);
        if (inList(REQUIREMENTS, key)) b.requirements = { ...b.requirements, [key]: yes };
        break;
      }
      case 'cost':
        if (inList(COST_BANDS, value)) b.cost_band = value;
        break;
      case 'help': {
        const [key, yes] = yesNo(value);
        if (inList(HELP_FLAGS, key)) b[key] = yes;
        break;
      }
      case 'access': {
        const [key, yes] = yesNo(value);
        if (inList(ACCESS_FEATURES, key)) b.accessibility = { ...b.accessibility, [key]: yes };
        break;
      }
      case 'mode':
        if (inList(MODES, value)) add('modes', value);
        break;
      case 'food':
        if (inList(FOODS, value)) add('food', value);
        break;
      case 'faith':
        if (inList(FAITHS, value)) b.faith = value;
        break;
      case 'support':
        if (inList(SUPPORT_KINDS, value)) add('support_kinds', value);
        break;
      case 'capacity':
        if (inList(CAPACITY_STATUSES, value)) b.capacity_status = value;
        break;
      case 'referrals':
        if (value === 'accepting' || value === 'paused') b.accepting_referrals = value === 'accepting';
        break;
      case 'safeguarding': {
        if (value === 'reviewed') {
          const date = attributeValue?.slice(0, 10) ?? '';
          if (/^\d{4}-\d{2}-\d{2}$/.test(date)) b.safeguarding_review_date = date;
          else warnings.push('the safeguarding review term has no date; the review date was left out');
          break;
        }
        const [key, yes] = yesNo(value);
        const field = SAFEGUARDING_FLAGS.find((f) => SAFEGUARDING_TERMS[f] === key);
        if (field) b[field] = yes;
        break;
      }
      case 'vetting':
        vetted = value === 'vetted';
        break;
      case 'detail':
        if (!attributeValue) break;
        if (value === 'how_to_join') b.how_to_join = attributeValue;
        else if (value === 'what_to_expect') b.what_to_expect = attributeValue;
        else if (value === 'community') add('communities', attributeValue);
        break;
      default:
        break;
    }
  }
  if (vetted && SAFEGUARDING_FLAGS.every((f) => b[f] === undefined)) {
    for (const f of SAFEGUARDING_FLAGS) b[f] = true;
    if (!b.safeguarding_review_date) {
      b.safeguarding_review_date = opts.assuredDate ?? opts.today;
      warnings.push(
        `the feed says safeguarding is checked but not when it was reviewed; recorded as reviewed on ${b.safeguarding_review_date} (please confirm)`,
      );
    }
  }
  return b;
}

/**
 * What a feed says in plain fields, read without a mapping: the cost band
 * from its cost options and fees text, and how to get in from its
 * application process ("just turn up"). Anything it does not say stays
 * unknown: telling someone to just turn up, or that it is free, when the
 * feed does not say so could mislead them.
 */
export function builtinStatements(amounts: number[], feesText: string | null, applicationProcess: string | null): BelongSet {
  const set: BelongSet = {};
  const cost = costBandFor(amounts, feesText);
  if (cost) set.cost_band = cost;
  const entry = applicationProcess ? readEntry(applicationProcess) : null;
  if (entry?.ok && entry.value) set.entry = entry.value;
  return set;
}
