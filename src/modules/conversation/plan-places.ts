/**
 * What a plan says about each place chosen, so the person can follow it:
 * where it is, when it is next on, how to get there, the phone number and
 * the website, in the person's language.
 *
 * Two pure steps:
 * - `placeSource` takes what the plan may say from a directory record: never
 *   a confidential location's address (a refuge's), only its area, whatever
 *   else the record holds; directory texts in the person's language when
 *   translated, otherwise the original (marked English);
 * - `placeDetails` phrases it: the next session from the schedules with the
 *   service's closures and changed hours applied (a session on a bank holiday
 *   the listing says nothing about is shown with "check it is on"), "not
 *   stated" when the directory gives no days or times, never a guess.
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { describeSchedule, nextSessions, type ScheduleExceptionInput, type ScheduleInput } from '../directory/schedule.ts';
import type { ServiceRecord } from '../directory/service-record.ts';
import { translationKey, type Translations } from '../directory/translation.ts';
import type { LocalNow } from '../find/find-when.ts';
import { currentSchedules, dayDateText, scheduleText, telHref, timeText } from '../find/presenters.ts';

/** How far ahead the next session is looked for. */
export const NEXT_SESSION_HORIZON_DAYS = 60;

/** A directory text, with lang 'en' when shown untranslated on a page in another language. */
export interface PlaceText {
  text: string;
  lang?: string;
}

export interface PlacePhone {
  number: string;
  description: string | null;
}

export interface PlaceVenue {
  name: string | null;
  /** The address on one line; always null for a confidential location. */
  address: string | null;
  areaName: string | null;
  confidential: boolean;
  transport: PlaceText | null;
  access: PlaceText[];
}

/** What a plan may say about one service (language-free, apart from the directory's own texts). */
export interface PlaceSource {
  serviceId: string;
  /** HSDS service status: 'active', 'temporarily closed', 'inactive', … */
  status: string | null;
  schedules: ScheduleInput[];
  exceptions: ScheduleExceptionInput[];
  venues: PlaceVenue[];
  phones: PlacePhone[];
  website: string | null;
}

/** A listed website as a link: http(s) only; "www.example.org" gets https://; anything else is left out. */
export function webAddress(v: string | null | undefined): string | null {
  const t = v?.trim();
  if (!t || /\s/.test(t)) return null;
  const withScheme = /^https?:\/\//i.test(t) ? t : /^[\w-]+(\.[\w-]+)+([/?#].*)?$/.test(t) ? `https://${t}` : null;
  if (!withScheme) return null;
  try {
    return new URL(withScheme).host ? withScheme : null;
  } catch {
    return null;
  }
}

/** What the plan may say about a service, from its directory record and translations into `locale`. */
export function placeSource(r: ServiceRecord, translations: Translations, locale: string): PlaceSource {
  const pick = (entityId: string, field: string, original: string | null | undefined): PlaceText | null => {
    if (!original?.trim()) return null;
    if (locale === 'en') return { text: original.trim() };
    const tr = translations.get(translationKey(entityId, field));
    return tr ? { text: tr.text } : { text: original.trim(), lang: 'en' };
  };
  const phones: PlacePhone[] = [];
  const seen = new Set<string>();
  const addPhone = (p: { number: string; description?: string | null }) => {
    const n = p.number?.trim();
    if (!n || seen.has(n)) return;
    seen.add(n);
    phones.push({ number: n, description: p.description?.trim() || null });
  };
  r.phones.forEach(addPhone);
  r.contacts.flatMap((c) => c.phones).forEach(addPhone);
  r.locations.flatMap((l) => l.phones).forEach(addPhone);
  const venues: PlaceVenue[] = r.locations.map((l) =>
    l.confidential
      ? { name: null, address: null, areaName: l.areaName, confidential: true, transport: null, access: [] }
      : {
          name: l.location.name?.trim() || null,
          address:
            l.addresses
              .map((a) => [a.address_1, a.address_2, a.city, a.postal_code].filter((x) => x?.trim()).join(', '))
              .filter(Boolean)
              .join('; ') || null,
          areaName: l.areaName,
          confidential: false,
          transport: pick(l.location.id, 'transportation', l.location.transportation),
          access: l.accessibility.flatMap((a) =>
            a.description?.trim() ? [{ text: a.description.trim(), ...(locale === 'en' ? {} : { lang: 'en' }) }] : [],
          ),
        },
  );
  const website = webAddress(r.service.url) ?? webAddress(r.organization.website);
  return {
    serviceId: r.service.id,
    status: r.service.status ?? null,
    schedules: r.schedules,
    exceptions: r.scheduleExceptions,
    venues,
    phones,
    website,
  };
}

/** One line about a place: "Label: text" (or the text alone), a link when href is set. */
export interface PlaceDetail {
  label: string | null;
  text: string;
  href?: string;
  /** 'en' for a directory text shown untranslated. */
  lang?: string;
  /** Phone numbers and addresses of the web read left to right in every language. */
  ltr?: boolean;
}

export interface PlaceDetailOptions {
  now: LocalNow;
  /** Whether a date ('YYYY-MM-DD') is a bank holiday. */
  isBankHoliday: (date: string) => boolean;
}

const k = (s: string) => s as MessageKey;

/** The next session in words: "Tuesday 8 December, 10:00 to 12:00", or the day alone when no time is given. */
export function nextSessionText(i18n: I18n, src: Pick<PlaceSource, 'schedules' | 'exceptions'>, o: PlaceDetailOptions): string {
  const { t } = i18n;
  const usable = currentSchedules(src.schedules, o.now.date).filter((s) => describeSchedule(s).kind !== 'unknown');
  if (!usable.length) return t('service.notStated');
  const [next] = nextSessions(src.schedules, src.exceptions, o.now.date, 1, NEXT_SESSION_HORIZON_DAYS, { afterTime: o.now.time });
  if (!next) return t(k('plan.place.noneSoon'));
  const date = dayDateText(i18n, next.date);
  const when =
    next.opensAt && next.closesAt
      ? t('service.session', { date, from: timeText(i18n, next.opensAt), to: timeText(i18n, next.closesAt) })
      : t(k('plan.place.dayOnly'), { date });
  // Hours the listing gives for that very day are its word; otherwise a bank holiday is a question, not a closure we assume.
  const stated = src.exceptions.some(
    (e) =>
      String(e.starts_on).slice(0, 10) <= next.date &&
      String(e.ends_on).slice(0, 10) >= next.date &&
      (!e.schedule_id || e.schedule_id === next.scheduleId),
  );
  return !stated && o.isBankHoliday(next.date) ? t(k('plan.place.bankHoliday'), { when }) : when;
}

/** The lines a plan shows under one place, in the person's language. */
export function placeDetails(i18n: I18n, src: PlaceSource, o: PlaceDetailOptions): PlaceDetail[] {
  const { t } = i18n;
  const out: PlaceDetail[] = [];
  if (src.status === 'temporarily closed') out.push({ label: null, text: t('service.closedForNow') });
  else if (src.status && src.status !== 'active') out.push({ label: null, text: t('service.stopped') });

  const where = t('service.where');
  for (const v of src.venues) {
    if (v.confidential) {
      if (v.areaName) out.push({ label: where, text: v.areaName });
      out.push({ label: null, text: t('service.addressPrivate') });
    } else {
      const text = [v.name, v.address].filter(Boolean).join(', ') || v.areaName;
      if (text) out.push({ label: where, text });
    }
  }
  if (!src.venues.length) out.push({ label: where, text: t('service.noVenue') });

  const rhythm = currentSchedules(src.schedules, o.now.date)
    .filter((s) => describeSchedule(s).kind !== 'unknown')
    .map((s) => scheduleText(i18n, s, o.now.date));
  if (rhythm.length) out.push({ label: t('service.when'), text: rhythm.join('; ') });
  out.push({ label: t(k('plan.place.next')), text: nextSessionText(i18n, src, o) });

  for (const v of src.venues) {
    if (v.transport) out.push({ label: t('service.gettingThere'), text: v.transport.text, lang: v.transport.lang });
    for (const a of v.access) out.push({ label: t('service.access'), text: a.text, lang: a.lang });
  }
  for (const p of src.phones)
    out.push({
      label: t(k('plan.place.phone')),
      text: p.description ? `${p.number} (${p.description})` : p.number,
      href: telHref(p.number),
      ltr: true,
    });
  if (src.website) out.push({ label: t(k('plan.place.website')), text: src.website, href: src.website, ltr: true });
  return out;
}

/** One detail as a line of plain text ("Where: 12 Oak Lane, Bradford"). */
export function detailLine(i18n: I18n, d: PlaceDetail): string {
  return d.label ? i18n.t(k('plan.place.detail'), { label: d.label, value: d.text }) : d.text;
}
