/**
 * The person's page, befriending and pathway sections: their matches (with
 * a link to find a befriender), the stage of their pathway, next steps they
 * might like (offered only when the connector chooses) and the steps offered.
 */
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { PersonPanel } from '../people/person-panels.ts';
import { ButtonForm, PostForm, Radios } from '../../platform/views/staff-forms.tsx';
import { k } from './befriending-parts.tsx';
import { befriendingService } from './befriending.service.ts';
import { pathwaysService, STAGES } from './pathways.service.ts';

export const befriendingPanel =
  (notifier: Notifier): PersonPanel =>
  async ({ access, i18n, person }) => {
    const s = i18n.staff;
    const own = { organisationId: person.organisationId };
    if (!access.can('befriending.view', own)) return null;
    const matches = await befriendingService(access, { notifier }).ofPerson(person.id);
    return (
      <>
        <h2 id="befriending">{s('befriending.panel.heading')}</h2>
        {matches.length === 0 && <p>{s('befriending.panel.none')}</p>}
        <ul class="matches">
          {matches.map((m) => (
            <li data-match={m.id}>
              <a href={`/staff/befriending/${m.id}`}>{s('befriending.panel.with', { volunteer: m.volunteer_name })}</a> ·{' '}
              <strong class="tag">{s(k(`befriending.state.${m.state}`))}</strong>
              {m.end_reason && <span> · {s(k(`befriending.end.${m.end_reason}`))}</span>}
            </li>
          ))}
        </ul>
        {access.can('befriending.find', own) && (
          <p>
            <a href={`/staff/people/${person.id}/befriending/find`}>{s('befriending.panel.find')}</a>
          </p>
        )}
      </>
    );
  };

export const pathwayPanel: PersonPanel = async ({ access, i18n, csrf, person }) => {
  const s = i18n.staff;
  if (!access.can('pathway.view', { organisationId: person.organisationId })) return null;
  const p = await pathwaysService(access).overview(person.id);
  const base = `/staff/people/${person.id}/pathway`;
  return (
    <>
      <h2 id="pathway">{s('pathway.heading')}</h2>
      <p>{p.stage ? s('pathway.stageNow', { stage: s(k(`pathway.stage.${p.stage}`)) }) : s('pathway.noStage')}</p>
      {p.attending.length > 0 && <p>{s('pathway.attending', { services: p.attending.join(', ') })}</p>}
      <PostForm action={`${base}/stage`} csrf={csrf}>
        <Radios
          i18n={i18n}
          id="stage"
          name="stage"
          legend={s('pathway.stageLegend')}
          hint={s('pathway.stageHint')}
          options={STAGES.map((st) => ({ value: st, label: s(k(`pathway.stage.${st}`)) }))}
          value={p.stage ?? undefined}
        />
        <button type="submit" class="secondary">
          {s('pathway.stageSave')}
        </button>
      </PostForm>
      {p.suggestions.length > 0 && (
        <section class="next-steps">
          <h3>{s('pathway.suggestions')}</h3>
          <p class="hint">{s('pathway.suggestionsHint')}</p>
          <ul>
            {p.suggestions.map((n) => (
              <li data-kind={n.kind}>
                {n.kind === 'group' && (
                  <>
                    <strong dir="auto">{n.label}</strong> ({n.organisationName}
                    {n.distanceMetres !== null && `, ${s('pathway.distance', { km: (n.distanceMetres / 1000).toFixed(1) })}`})
                  </>
                )}
                {n.kind === 'volunteering' && <span dir="auto">{s('pathway.volunteering', { strengths: n.label })}</span>}
                {n.kind === 'peer_mentor' && <span>{s('pathway.peerMentor')}</span>}
                <PostForm action={`${base}/offer`} csrf={csrf} class="inline">
                  <input type="hidden" name="kind" value={n.kind} />
                  <input type="hidden" name="service" value={n.kind === 'group' ? n.serviceId : ''} />
                  <input type="hidden" name="label" value={n.label} />
                  <button type="submit" class="secondary">
                    {s('pathway.offer')}
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.steps.length > 0 && (
        <section>
          <h3>{s('pathway.steps')}</h3>
          <ul class="steps">
            {p.steps.map((st) => (
              <li data-step={st.id} data-status={st.status}>
                {s(k(`pathway.kind.${st.kind}`))}
                {st.label && (
                  <>
                    : <span dir="auto">{st.label}</span>
                  </>
                )}{' '}
                · <strong class="tag">{s(k(`pathway.status.${st.status}`))}</strong>
                {st.status === 'offered' && (
                  <>
                    {' '}
                    <ButtonForm
                      action={`/staff/pathway-steps/${st.id}/taken_up`}
                      csrf={csrf}
                      label={s('pathway.takenUp')}
                      variant="secondary"
                    />{' '}
                    <ButtonForm action={`/staff/pathway-steps/${st.id}/not_now`} csrf={csrf} label={s('pathway.notNow')} variant="link" />
                  </>
                )}
                {st.status === 'taken_up' && st.kind === 'peer_mentor' && <p class="hint">{s('pathway.peerMentorHow')}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
};
