/**
 * The administrators' "areas organisations cover" page: for each referring
 * organisation, the outward codes whose "ask someone to contact me"
 * requests land in its connectors' queue.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { PostForm, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { OrganisationAreas } from './organisation-areas.service.ts';

export function OrganisationAreasPage({
  i18n,
  actor,
  csrf,
  organisations,
  failed,
  notice,
}: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  organisations: OrganisationAreas[];
  /** The organisation whose codes were refused, what was typed, and why. */
  failed?: { organisationId: string; typed: string; message: string } | undefined;
  notice?: string | undefined;
}) {
  const s = i18n.staff;
  const problems: FieldProblem[] = failed ? [{ field: `areas-${failed.organisationId}`, message: failed.message }] : [];
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('areas.title')} problems={problems} notice={notice}>
      <h1>{s('areas.title')}</h1>
      <p>{s('areas.intro')}</p>
      {organisations.length === 0 && <p>{s('areas.none')}</p>}
      {organisations.map((o) => {
        const mine = failed?.organisationId === o.id ? failed : undefined;
        return (
          <section>
            <h2>
              {o.name}
              {o.operator && <> ({s('areas.operator')})</>}
              {o.suspended && <> ({s('areas.suspended')})</>}
            </h2>
            <PostForm action={`/admin/organisation-areas/${o.id}`} csrf={csrf}>
              <TextField
                i18n={i18n}
                id={`areas-${o.id}`}
                name="areas"
                label={s('areas.label', { name: o.name })}
                hint={s('areas.hint')}
                value={mine ? mine.typed : o.outcodes.join(', ')}
                error={mine?.message}
                size="long"
                maxlength={2000}
              />
              <button type="submit" class="secondary">
                {s('areas.save')}
                <span class="vh"> {o.name}</span>
              </button>
            </PostForm>
          </section>
        );
      })}
    </StaffPage>
  );
}
