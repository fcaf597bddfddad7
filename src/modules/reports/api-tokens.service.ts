/**
 * Read-only report API tokens, policy-checked (api_token.manage: an
 * administrator's or commissioner's own tokens). Making one and revoking one
 * are audited; each use is audited by the middleware (api-tokens.middleware.ts).
 */
import type { Access } from '../../platform/auth/access.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { newApiToken } from './api-tokens.ts';
import { apiTokenOwner, apiTokensOf, insertApiToken, revokeApiToken, type ApiTokenView } from './api-tokens.repository.ts';

export type { ApiTokenView };

const notFound = () => new DomainError('NotFound', 'There is no such token.');

export function apiTokensService(access: Access) {
  const self = () => ({ accountId: access.actor?.accountId ?? '' });
  return {
    /** The actor's own tokens, newest first. */
    list: (): Promise<ApiTokenView[]> => access.run('api_token.manage', self(), null, (trx, actor) => apiTokensOf(trx, actor.accountId)),

    /** Makes a token; the secret is in the answer and nowhere else. */
    create: (name: string): Promise<{ id: string; secret: string }> => {
      const id = newId();
      return access.run(
        'api_token.manage',
        self(),
        { action: 'api_token.create', subjectType: 'report_api_token', subjectId: id, details: { name } },
        async (trx, actor) => {
          const t = newApiToken();
          await insertApiToken(trx, { id, accountId: actor.accountId, name, tokenHash: t.hash, hint: t.hint, at: access.now() });
          return { id, secret: t.secret };
        },
      );
    },

    /** Revokes one of the actor's tokens (at once: its next use is refused). */
    async revoke(id: string): Promise<void> {
      if (!isUuid(id)) throw notFound();
      const owner = await access.lookup((db) => apiTokenOwner(db, id));
      if (!owner) throw notFound();
      await access.run(
        'api_token.manage',
        { accountId: owner },
        { action: 'api_token.revoke', subjectType: 'report_api_token', subjectId: id },
        (trx) => revokeApiToken(trx, id, access.now()),
      );
    },
  };
}
