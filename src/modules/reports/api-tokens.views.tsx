/** /staff/evidence/tokens: an administrator's or commissioner's read-only API tokens for a BI tool. */
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { ButtonForm, PostForm, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { ApiTokenView } from './api-tokens.service.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

export interface ApiTokensPageProps {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  tokens: ApiTokenView[];
  problems: FieldProblem[];
  /** A token just made: its secret, shown this once. */
  created: { name: string; secret: string } | null;
  notice: string | null;
}

export function ApiTokensPage(p: ApiTokensPageProps) {
  const { i18n } = p;
  const s = i18n.staff;
  const when = (d: Date | null) => (d ? i18n.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' }) : s('tokens.never'));
  return (
    <StaffPage i18n={i18n} actor={p.actor} csrf={p.csrf} title={s('tokens.title')} problems={p.problems} notice={p.notice}>
      <p>
        <a href="/staff/evidence">{s('reports.title')}</a>
      </p>
      <h1>{s('tokens.title')}</h1>
      <p>{s('tokens.intro')}</p>
      {p.created && (
        <section class="notice" aria-labelledby="created-heading">
          <h2 id="created-heading">{s('tokens.createdHeading', { name: p.created.name })}</h2>
          <p>{s('tokens.createdOnce')}</p>
          <p>
            <label for="secret">{s('tokens.secret')}</label>
            <input id="secret" type="text" readonly value={p.created.secret} size={60} autocomplete="off" spellcheck={false} />
          </p>
          <p>{s('tokens.howToUse')}</p>
          <pre>{`curl -H "Authorization: Bearer ${p.created.secret}" <Belong address>/api/reports/coverage`}</pre>
        </section>
      )}
      <h2>{s('tokens.yours')}</h2>
      {p.tokens.length ? (
        <div {...scrollRegion(s('tokens.yours'))}>
          <table>
            <caption>{s('tokens.yours')}</caption>
            <thead>
              <tr>
                <th scope="col">{s('tokens.name')}</th>
                <th scope="col">{s('tokens.startsWith')}</th>
                <th scope="col">{s('tokens.created')}</th>
                <th scope="col">{s('tokens.lastUsed')}</th>
                <th scope="col">{s('tokens.status')}</th>
              </tr>
            </thead>
            <tbody>
              {p.tokens.map((t) => (
                <tr>
                  <td dir="auto">{t.name}</td>
                  <td>
                    <code>{t.hint}…</code>
                  </td>
                  <td>{when(t.createdAt)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>
                    {t.revokedAt ? (
                      s('tokens.revokedOn', { date: when(t.revokedAt) })
                    ) : (
                      <ButtonForm
                        action={`/staff/evidence/tokens/${t.id}/revoke`}
                        csrf={p.csrf}
                        label={s('tokens.revoke', { name: t.name })}
                        variant="warning"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{s('tokens.none')}</p>
      )}
      <h2>{s('tokens.newHeading')}</h2>
      <PostForm action="/staff/evidence/tokens" csrf={p.csrf}>
        <TextField
          i18n={i18n}
          id="name"
          label={s('tokens.nameField')}
          hint={s('tokens.nameHint')}
          error={p.problems.find((x) => x.field === 'name')?.message}
          maxlength={80}
        />
        <button type="submit">{s('tokens.create')}</button>
      </PostForm>
    </StaffPage>
  );
}
