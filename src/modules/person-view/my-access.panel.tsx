/** The section of a person's page about their code for /my: in use, locked, or none; issue, reissue, revoke. */
import type { PersonPanel } from '../people/person-panels.ts';
import { ButtonForm } from '../../platform/views/staff-forms.tsx';
import { personAccessService } from './person-access.service.ts';

export const myAccessPanel: PersonPanel = async ({ access, i18n, csrf, person }) => {
  const s = i18n.staff;
  const status = await personAccessService(access).status(person.id);
  const current = status && !status.expired ? status : null;
  return (
    <>
      <h2 id="my-access">{s('personView.staff.heading')}</h2>
      <p>{s('personView.staff.intro')}</p>
      {current && (
        <p>{current.locked ? s('personView.staff.locked') : s('personView.staff.current', { date: i18n.formatDate(current.expiresAt) })}</p>
      )}
      <ButtonForm
        action={`/staff/people/${person.id}/my-access`}
        csrf={csrf}
        label={current ? s('personView.staff.reissue') : s('personView.staff.issue')}
        variant="secondary"
      />
      {current && (
        <ButtonForm
          action={`/staff/people/${person.id}/my-access/revoke`}
          csrf={csrf}
          label={s('personView.staff.revoke')}
          variant="link"
        />
      )}
    </>
  );
};
