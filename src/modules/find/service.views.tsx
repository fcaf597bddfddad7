/**
 * One service's public page: what it is, what to expect when you go, when,
 * where and how to get there, cost, languages, who it is for, access, how to
 * join, contact, when it was last checked — and "Add to my list".
 *
 * Never shows the address of a confidential venue (a refuge): only that the
 * address is shared when you get in touch, and the phone.
 *
 * Never shows what a listing does not state as if it were a fact: who can
 * come, how to join and the cost then say "not stated: ask before you go";
 * other unstated facts (a crèche, step-free access…) are simply not listed. Texts from the
 * directory are shown in the person's language when translated (with a
 * note when a computer translated them), otherwise in the original English,
 * marked lang="en" and said so.
 */
import type { Child } from 'hono/jsx';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { addDays, nextSessions, type ScheduleExceptionInput } from '../directory/schedule.ts';
import { ACCESS_FEATURES, REQUIREMENTS } from '../directory/service-graph.ts';
import type { ServiceRecord } from '../directory/service-record.ts';
import { publicLocations } from './cards.ts';
import type { LocalNow, WhenFlags } from './find-when.ts';
import {
  agesText,
  currentSchedules,
  dateText,
  dayDateText,
  hoursText,
  languageName,
  lastChecked,
  moneyText,
  scheduleText,
  telHref,
  timeText,
} from './presenters.ts';
import { Badges, Bdi, Notice, Paragraphs, PublicPage } from './public-page.tsx';
import { translationKey, type Translations } from '../directory/translation.ts';

/** Closures and changed hours shown if they touch the next this-many days. */
const CLOSURE_HORIZON_DAYS = 60;

/** A text from the directory, translated when possible. */
interface Text {
  text: string;
  /** 'en' when shown in the original language on a page in another language. */
  lang: string | undefined;
}

type TranslationState = { original: number; translated: number; machine: number };

/** Picks translations and counts what was and was not translated, for the page's notice. */
function textPicker(i18n: I18n, translations: Translations) {
  const state: TranslationState = { original: 0, translated: 0, machine: 0 };
  const pick = (entityId: string, field: string, original: string | null | undefined): Text | null => {
    if (!original || !original.trim()) return null;
    if (i18n.locale === 'en') return { text: original, lang: undefined };
    const tr = translations.get(translationKey(entityId, field));
    if (tr) {
      state.translated++;
      if (tr.source === 'machine') state.machine++;
      return { text: tr.text, lang: undefined };
    }
    state.original++;
    return { text: original, lang: 'en' };
  };
  return { pick, state };
}

function TranslationNote({ i18n, state }: { i18n: I18n; state: TranslationState }) {
  if (i18n.locale === 'en') return null;
  const { t } = i18n;
  const lines: string[] = [];
  if (state.original > 0) lines.push(t(state.translated > 0 ? 'service.partlyTranslated' : 'service.untranslated'));
  if (state.machine > 0) lines.push(t('service.machineTranslated'));
  if (!lines.length) return null;
  return <p class="note">{lines.join(' ')}</p>;
}

function Phone({ number, label }: { number: string; label?: string | null }) {
  return (
    <>
      <a href={telHref(number)} dir="ltr">
        {number}
      </a>
      {label && (
        <>
          {' '}
          <Bdi>({label})</Bdi>
        </>
      )}
    </>
  );
}

export interface ServicePageProps {
  i18n: I18n;
  record: ServiceRecord;
  exceptions: readonly (ScheduleExceptionInput & { description?: string | null })[];
  translations: Translations;
  now: LocalNow;
  flags: WhenFlags;
  inList: boolean;
  listCount: number;
  /** What just happened (after "Add to my list"). */
  flash: 'added' | 'removed' | 'full' | null;
}

/** The whole service page. */
export function ServicePage(p: ServicePageProps) {
  const { i18n, record: r, now } = p;
  const { t } = i18n;
  const b = r.belong;
  const s = r.service;
  const { pick, state } = textPicker(i18n, p.translations);

  const description = pick(s.id, 'description', s.description);
  const expect = pick(s.id, 'what_to_expect', b?.what_to_expect);
  const howToJoin = pick(s.id, 'how_to_join', b?.how_to_join ?? s.application_process);
  const eligibility = pick(s.id, 'eligibility_description', s.eligibility_description);
  // "Free." says no more than the cost band above it.
  const fees = /^free\.?$/i.test(s.fees_description?.trim() ?? '') ? null : pick(s.id, 'fees_description', s.fees_description);
  const alert = pick(s.id, 'alert', s.alert);
  const interpretation = pick(s.id, 'interpretation_services', s.interpretation_services);
  const places = publicLocations(r).map((l) => ({
    record: l,
    transport: pick(l.location.id, 'transportation', l.location.transportation),
    about: pick(l.location.id, 'description', l.location.description),
  }));
  const hidden = r.locations.filter((l) => l.confidential);

  const schedules = currentSchedules(r.schedules, now.date);
  const upcoming = nextSessions(r.schedules, p.exceptions, now.date, 3, CLOSURE_HORIZON_DAYS, { afterTime: now.time });
  const horizon = addDays(now.date, CLOSURE_HORIZON_DAYS);
  const changes = p.exceptions.filter((e) => e.ends_on >= now.date && e.starts_on <= horizon);

  const help: string[] = [];
  if (b?.childcare === true) help.push(t('term.help.childcare'));
  if (b?.transport_offered === true) help.push(t('term.help.transport_offered'));
  if (b?.accompany_first_visit === true) help.push(t('term.help.accompany_first_visit'));
  const extras: string[] = [];
  for (const f of b?.food ?? []) extras.push(t(`term.food.${f as 'food' | 'halal' | 'vegetarian'}`));
  if (b?.faith) extras.push(t(`term.faith.${b.faith}`));
  for (const m of b?.modes ?? []) if (m !== 'in_person') extras.push(t(`term.mode.${m as 'phone' | 'online' | 'home_visit'}`));
  const access = b?.accessibility ?? {};
  const accessFacts = ACCESS_FEATURES.flatMap((a) =>
    access[a] === true ? [t(`term.access.${a}`)] : access[a] === false ? [t(`term.accessNo.${a}`)] : [],
  );
  const requirements = b?.requirements ?? {};
  const needed = REQUIREMENTS.filter((q) => requirements[q] === true).map((q) => t(`term.requires.${q}`));
  const notNeeded = REQUIREMENTS.filter((q) => requirements[q] === false).map((q) => t(`term.requires.${q}`));
  const audiences = (b?.audiences ?? []).map((a) => t(`term.audience.${a as 'carers'}`));
  const areas = r.serviceAreas.map((a) => a.name).filter((n): n is string => !!n);
  // Who can come: nothing said about gender, eligibility or audiences is "not stated", never "everyone".
  const whoStated = !!b?.gender || !!b?.eligibility || audiences.length > 0;

  const languages = r.languages.filter((l) => l.code).map((l) => languageName(i18n, l.code!, l.name));
  const ages = agesText(i18n, s.minimum_age, s.maximum_age);
  const checked = lastChecked(s.assured_date, now.date);
  const phones = [...r.phones, ...r.contacts.flatMap((c) => c.phones)];
  const seenNumbers = new Set<string>();
  const uniquePhones = phones.filter((ph) => !seenNumbers.has(ph.number) && seenNumbers.add(ph.number));

  return (
    <PublicPage i18n={i18n} title={s.name} listCount={p.listCount}>
      {p.flash && (
        <Notice>
          {p.flash === 'added' && i18n.rich('flash.added', { link: <a href="/shortlist">{t('nav.seeList')}</a> })}
          {p.flash === 'removed' && t('flash.removed')}
          {p.flash === 'full' && t('flash.full', { max: 20 })}
        </Notice>
      )}
      {s.status !== 'active' && (
        <p class="note warn">{t(s.status === 'temporarily closed' ? 'service.closedForNow' : 'service.stopped')}</p>
      )}
      {alert && (
        <div class="note warn">
          <Paragraphs text={alert.text} lang={alert.lang} />
        </div>
      )}
      <h1>
        <Bdi>{s.name}</Bdi>
      </h1>
      <p class="org">{i18n.rich('service.runBy', { org: <Bdi>{r.organization.name}</Bdi> })}</p>
      <Badges i18n={i18n} flags={{ ...p.flags, full: b?.capacity_status === 'full', waitingList: b?.capacity_status === 'waiting_list' }} />
      <TranslationNote i18n={i18n} state={state} />
      {description && <Paragraphs text={description.text} lang={description.lang} />}

      <h2>{t('service.expect')}</h2>
      {expect ? <Paragraphs text={expect.text} lang={expect.lang} /> : <p>{t('service.expectUnknown')}</p>}
      {(help.length > 0 || extras.length > 0) && (
        <ul>
          {[...help, ...extras].map((x) => (
            <li>{x}</li>
          ))}
        </ul>
      )}

      <h2>{t('service.when')}</h2>
      {schedules.length ? (
        <ul>
          {schedules.map((sc) => (
            <li>{scheduleText(i18n, sc, now.date)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('when.askForTimes')}</p>
      )}
      {changes.length > 0 && (
        <ul>
          {changes.map((e) => (
            <li>{exceptionText(i18n, e)}</li>
          ))}
        </ul>
      )}
      {upcoming.length > 0 && (
        <>
          <h3>{t('service.next')}</h3>
          <ul>
            {upcoming.map((u) => (
              <li>
                {u.opensAt && u.closesAt
                  ? t('service.session', {
                      date: dayDateText(i18n, u.date),
                      from: timeText(i18n, u.opensAt),
                      to: timeText(i18n, u.closesAt),
                    })
                  : dayDateText(i18n, u.date)}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('service.where')}</h2>
      {places.map((pl) => (
        <>
          <p class="addr">
            {pl.record.location.name && (
              <>
                <Bdi>{pl.record.location.name}</Bdi>
                <br />
              </>
            )}
            {pl.record.addresses.map((a) => (
              <Bdi>{[a.address_1, a.address_2, a.city, a.postal_code].filter(Boolean).join(', ')}</Bdi>
            ))}
          </p>
          {pl.about && <Paragraphs text={pl.about.text} lang={pl.about.lang} />}
          {pl.transport && (
            <>
              <h3>{t('service.gettingThere')}</h3>
              <Paragraphs text={pl.transport.text} lang={pl.transport.lang} />
            </>
          )}
          {pl.record.accessibility.some((a) => a.description) && (
            <>
              <h3>{t('service.access')}</h3>
              <ul>
                {pl.record.accessibility
                  .filter((a) => a.description)
                  .map((a) => (
                    <li dir="auto" lang={i18n.locale === 'en' ? undefined : 'en'}>
                      {a.description}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </>
      ))}
      {hidden.length > 0 && (
        <>
          <p>{t('service.addressPrivate')}</p>
          {hidden
            .flatMap((l) => l.phones)
            .map((ph) => (
              <p>
                <Phone number={ph.number} label={ph.description} />
              </p>
            ))}
        </>
      )}
      {places.length === 0 && hidden.length === 0 && <p>{t('service.noVenue')}</p>}
      {areas.length > 0 && <p>{i18n.rich('service.areas', { areas: <Bdi>{areas.join(', ')}</Bdi> })}</p>}
      {accessFacts.length > 0 && (
        <>
          <h3>{t('service.accessFacts')}</h3>
          <ul>
            {accessFacts.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('service.cost')}</h2>
      <p>{b?.cost_band ? t(`service.costBand.${b.cost_band}`) : t('service.notStated')}</p>
      {r.costOptions.length > 0 && (
        <ul>
          {r.costOptions.map((o) => (
            <li>
              {o.option && (
                <>
                  <Bdi>{o.option}</Bdi>
                  {': '}
                </>
              )}
              {o.amount != null && moneyText(i18n, Number(o.amount), o.currency)}
            </li>
          ))}
        </ul>
      )}
      {fees && <Paragraphs text={fees.text} lang={fees.lang} />}

      <h2>{t('service.languages')}</h2>
      {languages.length > 0 ? (
        <p>{t('service.spoken', { languages: i18n.formatList(languages) })}</p>
      ) : (
        <p>{t('service.languagesUnknown')}</p>
      )}
      {b?.interpreter_available === true && <p>{t('term.help.interpreter_available')}</p>}
      {interpretation && <Paragraphs text={interpretation.text} lang={interpretation.lang} />}

      <h2>{t('service.whoFor')}</h2>
      {b?.gender && (b.gender !== 'mixed' || b.eligibility !== 'open_to_all') && <p>{t(`service.gender.${b.gender}`)}</p>}
      {b?.eligibility === 'open_to_all' && <p>{t('service.openToAll')}</p>}
      {audiences.length > 0 && (
        <p>
          {t(
            b?.eligibility === 'only'
              ? 'service.onlyFor'
              : b?.eligibility === 'especially_welcome'
                ? 'service.especiallyFor'
                : 'service.forAsk',
            { audiences: i18n.formatList(audiences) },
          )}
        </p>
      )}
      {!whoStated && <p>{t('service.notStated')}</p>}
      {ages && <p>{ages}</p>}
      {(b?.communities.length ?? 0) > 0 && (
        <p>{i18n.rich('service.communities', { communities: <Bdi>{b!.communities.join(', ')}</Bdi> })}</p>
      )}
      {eligibility && <Paragraphs text={eligibility.text} lang={eligibility.lang} />}

      <h2>{t('service.join')}</h2>
      <p>{b?.entry ? t(`term.entry.${b.entry}`) : t('service.notStated')}</p>
      {needed.length > 0 && <p>{t('service.youNeed', { items: i18n.formatList(needed) })}</p>}
      {notNeeded.length > 0 && <p>{t('service.noNeed', { items: i18n.formatList(notNeeded) })}</p>}
      {howToJoin && <Paragraphs text={howToJoin.text} lang={howToJoin.lang} />}
      {b?.capacity_status === 'full' && <p>{t('service.full')}</p>}
      {b?.capacity_status === 'waiting_list' && <p>{t('service.waitingList')}</p>}

      <h2>{t('service.contact')}</h2>
      <ContactList i18n={i18n} record={r} phones={uniquePhones} />

      <p class="checked">
        {checked.kind === 'never'
          ? t('service.notChecked')
          : t(checked.kind === 'old' ? 'service.checkedLongAgo' : 'service.checked', { date: dateText(i18n, checked.date) })}
      </p>
      <p class="noprint">
        <a href={`/services/${s.id}/report`}>{t('quality.report.link')}</a>
      </p>
      <p class="noprint">
        <a href={`/report-unfair?service=${s.id}`}>{t('unfair.serviceLink')}</a> · <a href="/rights">{t('rights.title')}</a>
      </p>

      <ListButton i18n={i18n} id={s.id} inList={p.inList} />
    </PublicPage>
  );
}

function exceptionText(i18n: I18n, e: ScheduleExceptionInput): string {
  const { t } = i18n;
  const single = e.starts_on === e.ends_on;
  if (e.closed !== false) {
    return single
      ? t('service.closedOn', { date: dateText(i18n, e.starts_on) })
      : t('service.closedFromTo', { from: dateText(i18n, e.starts_on), to: dateText(i18n, e.ends_on) });
  }
  const hours = e.opens_at && e.closes_at ? hoursText(i18n, e.opens_at, e.closes_at) : '';
  return single
    ? t('service.changedOn', { date: dateText(i18n, e.starts_on), hours })
    : t('service.changedFromTo', { from: dateText(i18n, e.starts_on), to: dateText(i18n, e.ends_on), hours });
}

function ContactList({ i18n, record: r, phones }: { i18n: I18n; record: ServiceRecord; phones: ServiceRecord['phones'] }) {
  const { t } = i18n;
  const items: Child[] = [];
  for (const ph of phones)
    items.push(<li>{i18n.rich('service.phone', { number: <Phone number={ph.number} label={ph.description} /> })}</li>);
  for (const c of r.contacts) {
    if (!c.name) continue;
    items.push(
      <li>
        {i18n.rich('service.person', { name: <Bdi>{[c.name, c.title].filter(Boolean).join(', ')}</Bdi> })}
        {c.email && (
          <>
            {' · '}
            <a href={`mailto:${c.email}`} dir="ltr">
              {c.email}
            </a>
          </>
        )}
      </li>,
    );
  }
  if (r.service.email) {
    items.push(
      <li>
        {i18n.rich('service.email', {
          email: (
            <a href={`mailto:${r.service.email}`} dir="ltr">
              {r.service.email}
            </a>
          ),
        })}
      </li>,
    );
  }
  const site = r.service.url ?? r.organization.website;
  if (site && /^https?:\/\//i.test(site)) {
    items.push(
      <li>
        {i18n.rich('service.website', {
          link: (
            <a href={site} rel="noopener noreferrer" dir="ltr">
              {site.replace(/^https?:\/\//i, '')}
            </a>
          ),
        })}
      </li>,
    );
  }
  if (!items.length) return <p>{t('service.noContact')}</p>;
  return <ul class="contact">{items}</ul>;
}

/** "Add to my list" (or "Remove from my list"): a POST form, so it works without JavaScript. */
export function ListButton({ i18n, id, inList, back }: { i18n: I18n; id: string; inList: boolean; back?: string }) {
  const { t } = i18n;
  return (
    <form method="post" action={inList ? '/shortlist/remove' : '/shortlist/add'} class="noprint">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="back" value={back ?? `/services/${id}`} />
      {inList && <p>{t('service.inList')}</p>}
      <button type="submit" class={inList ? 'secondary' : undefined}>
        {t(inList ? 'service.removeFromList' : 'service.addToList')}
      </button>
    </form>
  );
}

/** The page for an address that leads nowhere (an unknown or removed service). */
export function NotFoundPage({ i18n, listCount }: { i18n: I18n; listCount: number }) {
  const { t } = i18n;
  return (
    <PublicPage i18n={i18n} title={t('notFound.title')} listCount={listCount}>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <a href="/find">{t('notFound.back')}</a>
      </p>
    </PublicPage>
  );
}
