/**
 * The connectors' side of contact requests, through the policy layer: an
 * organisation's queue is read like its people list (person.list, audited),
 * and picking a request up is a change to that person's record
 * (person.update, audited under the person).
 */
import type { Access } from '../../platform/auth/access.ts';
import { loadQueue, markPickedUp, requestOwner, storeContactRequest, type QueuedRequest } from './contact-request.repository.ts';

/** The public side: stores a request (throttled per address) as a new self-referred person; see storeContactRequest. */
export const submitContactRequest = storeContactRequest;

export function contactRequestService(access: Access) {
  return {
    queue(): Promise<QueuedRequest[]> {
      const org = access.actor?.organisationId ?? '';
      return access.run(
        'person.list',
        { organisationId: org },
        { action: 'contact_request.list', subjectType: 'staff_organisation', subjectId: org },
        (trx) => loadQueue(trx, org),
      );
    },
    /** 'picked' when this connector took it, 'already' when someone had, 'missing' when there is no such request. */
    async pickUp(id: string): Promise<'picked' | 'already' | 'missing'> {
      const owner = await access.lookup((db) => requestOwner(db, id));
      if (!owner) return 'missing';
      return access.run(
        'person.update',
        { organisationId: owner.organisationId },
        { action: 'contact_request.pick_up', subjectType: 'person', subjectId: owner.personId, details: { requestId: id } },
        async (trx, actor) => ((await markPickedUp(trx, id, actor.accountId, access.now())) ? 'picked' : 'already'),
      );
    },
  };
}
