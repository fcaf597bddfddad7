/**
 * "My list" page: each saved service with when, where and a phone number, so
 * the page works as a printed sheet; a link to share the same list; and, on
 * a shared list, "Save to my list". Printing hides the navigation and the
 * buttons (see @media print in belong.css); a Print button appears only when
 * the small external print.js runs, since a button that does nothing without
 * JavaScript would be a trap.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import { assetUrl } from '../../platform/http/static-assets.ts';
import type { ServiceRecord } from '../directory/service-record.ts';
import { factsInput, publicLocations } from './cards.ts';
import type { LocalNow, Timetable } from './find-when.ts';
import { currentSchedules, factsLine, scheduleText, telHref } from './presenters.ts';
import { Badges, Bdi, Notice, PublicPage } from './public-page.tsx';
import { whenFlags } from './find-when.ts';
import { MAX_SHORTLIST, serializeIds, type Flash } from './shortlist.ts';

export interface ShortlistPageProps {
  i18n: I18n;
  records: ServiceRecord[];
  timetables: ReadonlyMap<string, Timetable>;
  now: LocalNow;
  /** True when showing a list someone shared (`?ids=`), not the person's own. */
  shared: boolean;
  /** The person's own list (for the navigation count). */
  ownCount: number;
  flash: Flash | null;
  /** Absolute address of this list for sharing. */
  shareUrl: string | null;
}

function Item({
  i18n,
  r,
  timetable,
  now,
  shared,
}: {
  i18n: I18n;
  r: ServiceRecord;
  timetable: Timetable | undefined;
  now: LocalNow;
  shared: boolean;
}) {
  const { t } = i18n;
  const facts = factsLine(i18n, { ...factsInput(r, timetable), schedules: [] }, { today: now.date });
  const schedules = currentSchedules(timetable?.schedules ?? r.schedules, now.date);
  const places = publicLocations(r);
  const hidden = r.locations.filter((l) => l.confidential);
  const phones = [
    ...r.phones,
    ...r.contacts.flatMap((c) => c.phones),
    ...hidden.flatMap((l) => l.phones),
    ...places.flatMap((l) => l.phones),
  ];
  const phone = phones[0];
  return (
    <li>
      <h2>
        <a href={`/services/${r.service.id}`}>
          <Bdi>{r.service.name}</Bdi>
        </a>
      </h2>
      <p class="org">
        <Bdi>{r.organization.name}</Bdi>
      </p>
      <Badges i18n={i18n} flags={whenFlags(timetable, now)} />
      {facts.length > 0 && <p class="facts">{facts.join(' · ')}</p>}
      <p>
        <b>{t('service.when')}:</b>{' '}
        {schedules.length ? schedules.map((s) => scheduleText(i18n, s, now.date)).join('; ') : t('when.askForTimes')}
      </p>
      <p>
        <b>{t('service.where')}:</b>{' '}
        {places.length
          ? places.map((l) => (
              <Bdi>
                {[l.location.name, ...l.addresses.map((a) => [a.address_1, a.address_2, a.city, a.postal_code].filter(Boolean).join(', '))]
                  .filter(Boolean)
                  .join(', ')}
              </Bdi>
            ))
          : hidden.length
            ? t('service.addressPrivate')
            : t('service.noVenue')}
      </p>
      {phone && (
        <p>
          <b>{t('list.phone')}:</b>{' '}
          <a href={telHref(phone.number)} dir="ltr">
            {phone.number}
          </a>
        </p>
      )}
      {!shared && (
        <form method="post" action="/shortlist/remove" class="noprint">
          <input type="hidden" name="id" value={r.service.id} />
          <input type="hidden" name="back" value="/shortlist" />
          <button type="submit" class="secondary">
            {t('list.remove')}
            <span class="vh">
              : <Bdi>{r.service.name}</Bdi>
            </span>
          </button>
        </form>
      )}
    </li>
  );
}

const FLASH_KEYS = {
  added: 'flash.addedPlain',
  removed: 'flash.removed',
  saved: 'flash.saved',
  cleared: 'flash.cleared',
  full: 'flash.full',
} as const;

export function ShortlistPage(p: ShortlistPageProps) {
  const { i18n, records } = p;
  const { t } = i18n;
  const ids = records.map((r) => r.service.id);
  return (
    <PublicPage i18n={i18n} title={t('list.title')} listCount={p.ownCount}>
      {p.flash && <Notice>{t(FLASH_KEYS[p.flash], { max: MAX_SHORTLIST })}</Notice>}
      <h1>{t(p.shared ? 'list.sharedTitle' : 'list.title')}</h1>
      {p.shared ? <p>{t('list.sharedIntro')}</p> : <p class="noprint">{t('list.intro')}</p>}
      {records.length === 0 ? (
        <p>{t(p.shared ? 'list.sharedEmpty' : 'list.empty')}</p>
      ) : (
        <ol class="results list">
          {records.map((r) => (
            <Item i18n={i18n} r={r} timetable={p.timetables.get(r.service.id)} now={p.now} shared={p.shared} />
          ))}
        </ol>
      )}
      {p.shared && records.length > 0 && (
        <form method="post" action="/shortlist/save" class="noprint">
          <input type="hidden" name="ids" value={serializeIds(ids)} />
          <button type="submit">{t('list.save')}</button>
        </form>
      )}
      {records.length > 0 && (
        <div class="noprint">
          <h2>{t('list.printTitle')}</h2>
          <p>{t('list.printHint')}</p>
          <p>
            <button type="button" id="print" hidden>
              {t('list.print')}
            </button>
          </p>
          {!p.shared && p.shareUrl && (
            <>
              <h2>{t('list.shareTitle')}</h2>
              <p>{t('list.shareHint')}</p>
              <p class="share">
                <a href={p.shareUrl} dir="ltr">
                  {p.shareUrl}
                </a>
              </p>
              <form method="post" action="/shortlist/clear">
                <button type="submit" class="secondary">
                  {t('list.clear')}
                </button>
              </form>
            </>
          )}
          <script src={assetUrl('print.js')} defer />
        </div>
      )}
    </PublicPage>
  );
}
