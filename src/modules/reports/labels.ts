/** Report codes in words (staff catalogue; directory values from Belong's published vocabulary). */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import { VOCABULARY } from '../directory/vocabulary.ts';
import { languageName } from '../find/presenters.ts';

const sk = (s: string) => s as StaffKey;
const TERM_NAMES = new Map(VOCABULARY.map((t) => [t.code, t.name]));
/** Report dimensions whose values are Belong vocabulary terms, and the vocabulary group they come from. */
const VOCABULARY_GROUP: Record<string, string> = {
  audience: 'audience',
  eligibility: 'eligibility',
  gender: 'gender',
  cost: 'cost',
  mode: 'mode',
  capacity: 'capacity',
};

export const dimensionLabel = (i18n: I18n, dimension: string): string => i18n.staff(sk(`reports.dim.${dimension}`));

/** A value of a dimension in words; null is "not stated". */
export function valueLabel(i18n: I18n, dimension: string, value: string | null): string {
  const s = i18n.staff;
  if (value === null) return s('reports.notStated');
  if (dimension === 'audience' && value === 'open_to_all') return TERM_NAMES.get('eligibility:open_to_all') ?? value;
  if (dimension === 'gender' && ['woman', 'man', 'another'].includes(value)) return s(sk(`reports.value.gender.${value}`));
  const group = VOCABULARY_GROUP[dimension];
  if (group) return TERM_NAMES.get(`${group}:${value}`) ?? value;
  if (dimension === 'language') return languageName(i18n, value);
  if (dimension === 'age' || dimension === 'age_band') return capitalise(s(sk(`reports.value.age.${value}`)));
  if (dimension === 'times' || dimension === 'ethnicity' || dimension === 'route') return s(sk(`reports.value.${dimension}.${value}`));
  if (value === 'yes' || value === 'no') return s(value === 'yes' ? 'reports.yes' : 'reports.no');
  return value;
}

/** The words for a group of people inside a sentence ("carers", "adults aged 25 to 49"). */
export function groupWords(i18n: I18n, dimension: string, value: string): string {
  if (dimension === 'age') return i18n.staff(sk(`reports.value.age.${value}`));
  const label = valueLabel(i18n, dimension, value);
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

export function areaLabel(i18n: I18n, area: string | null): string {
  if (area === null) return i18n.staff('reports.allAreas');
  if (area === '') return i18n.staff('reports.noFixedPlace');
  return area;
}

export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
