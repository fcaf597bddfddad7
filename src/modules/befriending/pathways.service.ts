/**
 * A person's pathway: one-to-one, then groups, then giving back — at their
 * pace, never forced. Once the person is attending something (a group they
 * were referred to, or a befriending match ending as "moving on to a
 * group"), Belong suggests next steps they might like: a group nearby that
 * breaks none of their hard rules, volunteering that uses the strengths they
 * named, becoming a peer mentor. Nothing is offered automatically: the
 * connector offers a step, and records whether the person took it up.
 */
import type { Access } from '../../platform/auth/access.ts';
import type { PathwayStage, PathwayStepKind } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { conversationService, matchRequestFor } from '../conversation/conversation.service.ts';
import { matchServices, type Suggestion } from '../matching/match.service.ts';
import { holderOf } from '../people/people.service.ts';
import { servicesAttended } from '../referrals/person-referrals.service.ts';
import { decideStep, insertStep, matchesOfPerson, pathwayStage, setPathwayStage, stepHolder, stepsOf } from './befriending.repository.ts';

export const STAGES = ['one_to_one', 'groups', 'giving_back'] as const satisfies readonly PathwayStage[];

export type NextStep =
  | { kind: 'group'; serviceId: string; label: string; organisationName: string; distanceMetres: number | null }
  | { kind: 'volunteering'; label: string }
  | { kind: 'peer_mentor'; label: string };

export interface Pathway {
  /** As recorded, or worked out from what the person is doing (null: nothing yet). */
  stage: PathwayStage | null;
  recorded: boolean;
  /** Services they attend now. */
  attending: string[];
  /** A befriending match that ended (or is ending) so they can move on to a group. */
  movingOnToGroup: boolean;
  steps: Awaited<ReturnType<typeof stepsOf>>;
  /** Next steps they might like; empty until they are attending something. */
  suggestions: NextStep[];
}

const GROUP_SUGGESTIONS = 3;

export function pathwaysService(access: Access) {
  const audit = (personId: string, action: string, details?: Record<string, unknown>) => ({
    subjectType: 'person',
    subjectId: personId,
    action,
    ...(details ? { details } : {}),
  });

  return {
    async overview(personId: string): Promise<Pathway> {
      const org = await holderOf(access, personId);
      const base = await access.run('pathway.view', { organisationId: org }, audit(personId, 'pathway.view'), async (trx) => {
        const recorded = await pathwayStage(trx, personId);
        const attending = await servicesAttended(trx, personId);
        const matches = await matchesOfPerson(trx, personId);
        const movingOnToGroup = matches.some((m) => (m.state === 'ending' || m.state === 'ended') && m.end_reason === 'group');
        const befriended = matches.some((m) => m.state === 'active' || m.state === 'ending');
        const stage: PathwayStage | null = recorded ?? (attending.length || movingOnToGroup ? 'groups' : befriended ? 'one_to_one' : null);
        return { stage, recorded: recorded !== null, attending, movingOnToGroup, steps: await stepsOf(trx, personId) };
      });
      const { stage, attending, movingOnToGroup, steps } = base;
      const suggestions: NextStep[] = [];
      if (!(attending.length || movingOnToGroup || stage === 'groups' || stage === 'giving_back')) return { ...base, suggestions };
      // Their record and latest conversation, read (and audited) by the conversation module.
      const pc = await conversationService(access).current(personId);
      const offered = new Set(steps.filter((s) => s.service_id).map((s) => s.service_id));
      const request = { ...matchRequestFor(pc), modes: ['in_person' as const] };
      // The public directory only: nothing personal is read here.
      const found = await access.run('pathway.view', { organisationId: org }, null, (trx) =>
        matchServices(trx, request, { limit: GROUP_SUGGESTIONS + attending.length + offered.size, now: access.now() }),
      );
      const groups = found.suggestions
        .filter((s: Suggestion) => !attending.includes(s.name) && !offered.has(s.serviceId))
        .slice(0, GROUP_SUGGESTIONS);
      for (const g of groups)
        suggestions.push({
          kind: 'group',
          serviceId: g.serviceId,
          label: g.name,
          organisationName: g.organizationName,
          distanceMetres: g.distanceMetres,
        });
      const strengths = pc.conversation?.answers.strengths?.words?.trim();
      const hasStep = (k: PathwayStepKind) => steps.some((s) => s.kind === k && s.status !== 'not_now');
      if (strengths && !hasStep('volunteering')) suggestions.push({ kind: 'volunteering', label: strengths });
      if ((attending.length > 0 || movingOnToGroup) && !hasStep('peer_mentor')) suggestions.push({ kind: 'peer_mentor', label: '' });
      return { ...base, suggestions };
    },

    async setStage(personId: string, stage: PathwayStage): Promise<void> {
      const org = await holderOf(access, personId);
      await access.run('pathway.update', { organisationId: org }, audit(personId, 'pathway.stage', { stage }), (trx, actor) =>
        setPathwayStage(trx, personId, stage, actor.accountId, access.now()),
      );
    },

    /** The connector offers the person a next step (never done by Belong on its own). */
    async offer(personId: string, s: { kind: PathwayStepKind; serviceId: string | null; label: string }): Promise<string> {
      const org = await holderOf(access, personId);
      const id = newId();
      await access.run(
        'pathway.update',
        { organisationId: org },
        audit(personId, 'pathway.offer', { kind: s.kind, stepId: id }),
        (trx, actor) =>
          insertStep(trx, {
            id,
            person_id: personId,
            kind: s.kind,
            service_id: s.serviceId && isUuid(s.serviceId) ? s.serviceId : null,
            label: s.label.slice(0, 200),
            status: 'offered',
            created_by: actor.accountId,
            created_at: access.now(),
          }),
      );
      return id;
    },

    /** What the person decided about a step offered to them. Taking up giving back moves the pathway on. */
    async decide(stepId: string, status: 'taken_up' | 'not_now'): Promise<string> {
      if (!isUuid(stepId)) throw new DomainError('NotFound', 'There is no such step.');
      const h = await access.lookup((db) => stepHolder(db, stepId));
      if (!h) throw new DomainError('NotFound', 'There is no such step.');
      await access.run(
        'pathway.update',
        { organisationId: h.organisation_id },
        audit(h.person_id, 'pathway.decide', { stepId, status }),
        async (trx, actor) => {
          const changed = await decideStep(trx, h.person_id, stepId, status, access.now());
          const step = (await stepsOf(trx, h.person_id)).find((s) => s.id === stepId);
          if (changed && status === 'taken_up' && step && step.kind !== 'group')
            await setPathwayStage(trx, h.person_id, 'giving_back', actor.accountId, access.now());
        },
      );
      return h.person_id;
    },
  };
}
