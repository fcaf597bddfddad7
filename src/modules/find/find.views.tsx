/**
 * The "find something near you" pages' markup: the two search fields (shared
 * with the start page), the filter form, the result list, paging and the
 * "nothing found" advice. Server-rendered, one GET form, no JavaScript.
 *
 * Weight matters (every page must fit 14 KB gzip with its CSS on a first
 * visit): checkboxes are wrapped in their labels (no ids to repeat), class
 * names are short, and the filters sit in a closed <details> until opened.
 */
import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { ErrorMessage, ErrorSummary, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { ACCESS_FEATURES, AUDIENCES, DAY_CODES, MODES, SUPPORT_KINDS } from '../directory/service-graph.ts';
import {
  activeFilters,
  FAITH_CHOICES,
  filterCount,
  findHref,
  GENDER_CHOICES,
  NEED_CHOICES,
  RADII_KM,
  SORTS,
  TIME_CHOICES,
  TIME_WINDOWS,
  WHEN_CHOICES,
  widerRadius,
  withoutFilter,
  type ActiveFilter,
  type FindQuery,
  type Sort,
} from './find-query.ts';
import { dayName, kmText, sortedLanguageNames, timeText, languageName } from './presenters.ts';
import { Badges, Bdi, PublicPage, type BadgeFlags } from './public-page.tsx';

// ---------------------------------------------------------------------------
// Search fields
// No maxlength: a browser cutting text off silently is worse than a clear error (find-query.ts reports it).

export interface SearchFieldsProps {
  i18n: I18n;
  q: string;
  where: string;
  problems: readonly FieldProblem[];
}

function problemFor(problems: readonly FieldProblem[], field: string) {
  return problems.find((p) => p.field === field);
}

/** "What would you like to do?" and "Where?", with hints and any error above the field. */
export function SearchFields({ i18n, q, where, problems }: SearchFieldsProps) {
  const { t } = i18n;
  const qProblem = problemFor(problems, 'q');
  const whereProblem = problemFor(problems, 'where');
  return (
    <>
      <div class={qProblem ? 'err-field' : undefined}>
        <label for="q">{t('find.what')}</label>
        <p class="hint" id="q-hint">
          {t('find.whatHint')}
        </p>
        {qProblem && <ErrorMessage i18n={i18n} id="q-error" message={qProblem.message} />}
        <input id="q" name="q" type="search" value={q} aria-describedby={qProblem ? 'q-hint q-error' : 'q-hint'} dir="auto" />
      </div>
      <div class={whereProblem ? 'err-field' : undefined}>
        <label for="where">{t('find.where')}</label>
        <p class="hint" id="where-hint">
          {t('find.whereHint')}
        </p>
        {whereProblem && <ErrorMessage i18n={i18n} id="where-error" message={whereProblem.message} />}
        <input
          id="where"
          name="where"
          value={where}
          autocomplete="postal-code"
          aria-describedby={whereProblem ? 'where-hint where-error' : 'where-hint'}
          aria-invalid={whereProblem ? 'true' : undefined}
          dir="auto"
        />
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------
// Filters

/** One checkbox inside its label. */
function Check({ name, value, checked, children }: { name: string; value: string; checked: boolean; children: Child }) {
  return (
    <label class="cb">
      <input type="checkbox" name={name} value={value} checked={checked} />
      <span>{children}</span>
    </label>
  );
}

function Group({ legend, children }: { legend: string; children: Child }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** The label of one chosen filter, as the form shows it. */
export function filterLabel(i18n: I18n, f: ActiveFilter): string {
  const { t } = i18n;
  switch (f.group) {
    case 'who':
      return t(`term.gender.${f.value}`);
    case 'lang':
      return t('facts.speaks', { languages: languageName(i18n, f.value) });
    case 'interp':
      return t('facts.interpreter');
    case 'need':
      return t(`need.${f.value}`);
    case 'day':
      return dayName(i18n, f.value);
    case 'time':
      return timeLabel(i18n, f.value);
    case 'when':
      return t(f.value === 'today' ? 'badge.onToday' : 'badge.openNow');
    case 'faith':
      return t(`term.faith.${f.value}`);
    case 'kind':
      return t(`term.kind.${f.value}`);
    case 'mode':
      return t(`term.mode.${f.value}`);
    case 'for':
      return t(`term.audience.${f.value}`);
    case 'access':
      return t(`term.access.${f.value}`);
  }
}

function timeLabel(i18n: I18n, time: (typeof TIME_CHOICES)[number]): string {
  const w = TIME_WINDOWS[time];
  if (time === 'morning') return i18n.t('time.morning', { to: timeText(i18n, w.end) });
  if (time === 'afternoon') return i18n.t('time.afternoon', { from: timeText(i18n, w.start), to: timeText(i18n, w.end) });
  return i18n.t('time.evening', { from: timeText(i18n, w.start) });
}

const SORT_KEYS: Record<Sort, MessageKey> = { best: 'sort.best', nearest: 'sort.nearest', today: 'sort.today', open: 'sort.open' };

export interface FilterFormProps {
  i18n: I18n;
  query: FindQuery;
  /** The sort in force (the select shows it). */
  sort: Sort;
  /** Languages spoken in the directory, most common first. */
  languages: readonly string[];
  open?: boolean;
}

/** Every filter, in a <details> that opens with one tap. Submits with the search fields (same form). */
export function FilterDetails({ i18n, query, sort, languages, open }: FilterFormProps) {
  const { t } = i18n;
  const count = filterCount(query);
  const langs = sortedLanguageNames(i18n, query.lang && !languages.includes(query.lang) ? [...languages, query.lang] : languages);
  return (
    <details class="filters" open={open}>
      <summary>
        {t('find.filters')} <span class="hint">({t('find.filtersChosen', { count })})</span>
      </summary>
      <div class="row">
        <div>
          <label for="sort">{t('find.sort')}</label>
          <select id="sort" name="sort">
            {SORTS.map((s) => (
              <option value={s} selected={s === sort}>
                {t(SORT_KEYS[s])}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="km">{t('find.radius')}</label>
          <select id="km" name="km">
            {RADII_KM.map((km) => (
              <option value={String(km)} selected={km === query.radiusKm}>
                {kmText(i18n, km * 1000)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Group legend={t('find.legend.when')}>
        {WHEN_CHOICES.map((v) => (
          <Check name="when" value={v} checked={query.when.includes(v)}>
            {t(v === 'today' ? 'badge.onToday' : 'badge.openNow')}
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.who')}>
        {GENDER_CHOICES.map((v) => (
          <Check name="who" value={v} checked={query.who.includes(v)}>
            {t(`term.gender.${v}`)}
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.for')}>
        {AUDIENCES.map((v) => (
          <Check name="for" value={v} checked={query.audiences.includes(v)}>
            {t(`term.audience.${v}`)}
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.language')}>
        <label for="lang">{t('find.langLabel')}</label>
        <select id="lang" name="speaks">
          <option value="">{t('find.anyLanguage')}</option>
          {langs.map((l) => (
            <option value={l.code} selected={l.code === query.lang}>
              {l.name}
            </option>
          ))}
        </select>
        <Check name="interp" value="1" checked={query.interpreter}>
          {t('find.interp')}
        </Check>
      </Group>
      <Group legend={t('find.legend.needs')}>
        {NEED_CHOICES.map((v) => (
          <Check name="need" value={v} checked={query.needs.includes(v)}>
            {t(`need.${v}`)}
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.access')}>
        {ACCESS_FEATURES.map((v) => (
          <Check name="access" value={v} checked={query.access.includes(v)}>
            {t(`term.access.${v}`)}
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.days')}>
        <div class="days">
          {DAY_CODES.map((d) => (
            <Check name="day" value={d} checked={query.days.includes(d)}>
              {dayName(i18n, d)}
            </Check>
          ))}
        </div>
      </Group>
      <Group legend={t('find.legend.times')}>
        {TIME_CHOICES.map((v) => (
          <Check name="time" value={v} checked={query.times.includes(v)}>
            {timeLabel(i18n, v)}
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.kind')}>
        {SUPPORT_KINDS.map((v) => (
          <Check name="kind" value={v} checked={query.kinds.includes(v)}>
            {t(`term.kind.${v}`)} <span class="hint">({t(`term.kindHint.${v}`)})</span>
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.faith')}>
        {FAITH_CHOICES.map((v) => (
          <Check name="faith" value={v} checked={query.faith.includes(v)}>
            {t(`term.faith.${v}`)}
          </Check>
        ))}
      </Group>
      <Group legend={t('find.legend.mode')}>
        {MODES.map((v) => (
          <Check name="mode" value={v} checked={query.modes.includes(v)}>
            {t(`term.mode.${v}`)}
          </Check>
        ))}
      </Group>
      <button type="submit">{t('find.apply')}</button>
    </details>
  );
}

// ---------------------------------------------------------------------------
// Results

/** One result as the list shows it. */
export interface ResultCard {
  id: string;
  name: string;
  organisation: string;
  area: string | null;
  facts: string[];
  badges: BadgeFlags;
}

export interface FindPageProps {
  i18n: I18n;
  query: FindQuery;
  sort: Sort;
  /** The sort asked for needs a place that was not given. */
  sortNeedsPlace: boolean;
  problems: readonly FieldProblem[];
  languages: readonly string[];
  /** Where the search was centred, as shown ("BD8", "Manningham"); null without a place. */
  placeName: string | null;
  /** What was typed was not a known place exactly: the name of the nearest one, used instead ("Did you mean Manningham?"). */
  didYouMean?: string | null;
  /** Null when the search did not run (a problem with the form). */
  results: { total: number; cards: ResultCard[]; perPage: number } | null;
  listCount: number;
}

/** "Remove: Women only" links, one per chosen filter. */
function ChosenFilters({ i18n, query }: { i18n: I18n; query: FindQuery }) {
  const active = activeFilters(query);
  if (!active.length) return null;
  return (
    <ul class="chips" aria-label={i18n.t('find.chosen')}>
      {active.map((f) => (
        <li>
          <a href={findHref(withoutFilter(query, f))}>
            <span aria-hidden="true">✕ </span>
            {i18n.t('find.remove', { filter: filterLabel(i18n, f) })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Pager({ i18n, query, total, perPage }: { i18n: I18n; query: FindQuery; total: number; perPage: number }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const { t } = i18n;
  return (
    <nav class="pager" aria-label={t('find.pages')}>
      {query.page > 1 && (
        <a href={findHref({ ...query, page: Math.min(query.page - 1, pages) })} rel="prev">
          {t('find.previous')}
        </a>
      )}
      <span>{t('find.pageOf', { page: query.page, pages })}</span>
      {query.page < pages && (
        <a href={findHref({ ...query, page: query.page + 1 })} rel="next">
          {t('find.next')}
        </a>
      )}
    </nav>
  );
}

function Result({ i18n, card }: { i18n: I18n; card: ResultCard }) {
  return (
    <li>
      <h3>
        <a href={`/services/${card.id}`}>
          <Bdi>{card.name}</Bdi>
        </a>
      </h3>
      <p class="org">
        <Bdi>{card.organisation}</Bdi>
        {card.area && (
          <>
            {' · '}
            <Bdi>{card.area}</Bdi>
          </>
        )}
      </p>
      <Badges i18n={i18n} flags={card.badges} />
      {card.facts.length > 0 && <p class="facts">{card.facts.join(' · ')}</p>}
    </li>
  );
}

/** The results page, or the form with its problems. */
export function FindPage(p: FindPageProps) {
  const { i18n, query, results } = p;
  const { t } = i18n;
  const wider = query.where ? widerRadius(query.radiusKm) : null;
  const hasErrors = p.problems.length > 0;
  const title = results ? `${t('find.title')}: ${t('find.results', { count: results.total })}` : t('find.title');
  return (
    <PublicPage i18n={i18n} title={title} hasErrors={hasErrors} listCount={p.listCount}>
      <ErrorSummary i18n={i18n} problems={p.problems} />
      <h1>{t('find.title')}</h1>
      <form action="/find" method="get" role="search" class="find">
        <SearchFields i18n={i18n} q={query.q} where={query.where} problems={p.problems} />
        <button type="submit">{t('find.search')}</button>
        <FilterDetails i18n={i18n} query={query} sort={p.sort} languages={p.languages} />
      </form>
      {results && (
        <section aria-labelledby="results">
          <h2 id="results">{t('find.results', { count: results.total })}</h2>
          {p.didYouMean && (
            <p class="hint" id="did-you-mean">
              {i18n.rich('find.didYouMean', { place: <Bdi>{p.didYouMean}</Bdi>, typed: <Bdi>{query.where}</Bdi> })}
            </p>
          )}
          {p.placeName && (
            <p>{i18n.rich('find.within', { distance: kmText(i18n, query.radiusKm * 1000), place: <Bdi>{p.placeName}</Bdi> })}</p>
          )}
          {p.sortNeedsPlace && <p class="hint">{t('find.nearestNeedsPlace')}</p>}
          {results.total === 0 && (
            <>
              <p>{t('find.none')}</p>
              {activeFilters(query).length > 0 && <p>{t('find.tryRemoving')}</p>}
            </>
          )}
          <ChosenFilters i18n={i18n} query={query} />
          {results.cards.length > 0 && (
            <ol class="results">
              {results.cards.map((card) => (
                <Result i18n={i18n} card={card} />
              ))}
            </ol>
          )}
          <Pager i18n={i18n} query={query} total={results.total} perPage={results.perPage} />
          {wider !== null && (
            <p>
              <a href={findHref({ ...query, radiusKm: wider, page: 1 })}>{t('find.wider', { distance: kmText(i18n, wider * 1000) })}</a>
            </p>
          )}
        </section>
      )}
    </PublicPage>
  );
}
