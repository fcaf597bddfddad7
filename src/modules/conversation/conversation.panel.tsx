/**
 * The "what matters to you" section of a person's page: where their
 * conversation stands, and the next thing a connector can do with it (start,
 * continue, review; then suggestions, the plan, sending the plan).
 */
import { activeScopes } from '../people/person.ts';
import type { PersonPanel } from '../people/person-panels.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import { ButtonForm } from '../../platform/views/staff-forms.tsx';
import { conversationService } from './conversation.service.ts';

const sk = (s: string) => s as StaffKey;

export const conversationPanel: PersonPanel = async ({ access, i18n, csrf, person: x, now }) => {
  const s = i18n.staff;
  const { conversation: conv } = await conversationService(access).current(x.id);
  const maySaveConversation = activeScopes(x.consents, 'store', now).includes('conversation');
  return (
    <>
      <h2>{s('people.conversationHeading')}</h2>
      {conv && <p>{s(sk(`people.conversationState.${conv.status}`), { date: i18n.formatDate(conv.updatedAt) })}</p>}
      {maySaveConversation ? (
        <>
          {conv?.status === 'draft' ? (
            <p>
              <a class="button" href={`/staff/people/${x.id}/conversation`}>
                {s('people.continueConversation')}
              </a>
            </p>
          ) : (
            <ButtonForm
              action={`/staff/people/${x.id}/conversation/start`}
              csrf={csrf}
              label={conv?.status === 'complete' ? s('people.reviewConversation') : s('people.startConversation')}
            />
          )}
          {conv?.status === 'complete' && (
            <ul>
              <li>
                <a href={`/staff/people/${x.id}/suggestions`}>{s('people.suggestions')}</a>
              </li>
              <li>
                <a href={`/staff/people/${x.id}/plan`}>{s('people.plan')}</a>
              </li>
            </ul>
          )}
          {conv?.status === 'complete' && (
            <ButtonForm action={`/staff/people/${x.id}/plan/send`} csrf={csrf} label={s('people.sendPlan')} variant="secondary" />
          )}
        </>
      ) : (
        <p>{s('people.noConversationConsent')}</p>
      )}
    </>
  );
};
