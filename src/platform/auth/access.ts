/**
 * The policy-enforcing data-access layer. A request gets one `Access`
 * (made by the auth middleware from the signed-in actor); policy-checked
 * services take it and do every read and write of protected data through
 * `access.run(action, resource, audit, work)`, which
 *
 *   1. asks the policy (policy.ts) whether the actor may do `action` to
 *      `resource`; if not, records a "denied" audit entry and throws
 *      AccessDenied (nothing else happens);
 *   2. runs `work` in one transaction;
 *   3. writes the audit entry in that same transaction, so a change and its
 *      record commit together or not at all.
 *
 * Routes never touch protected tables: they call services, and services can
 * only reach the database through `run` (a test scans route files to keep it
 * so). Services may look up the few facts a resource needs (e.g. which
 * organisation an account belongs to) with `access.lookup` before calling
 * `run`; such lookups return ids only, never personal data.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAuditEvent } from '../audit/audit.repository.ts';
import { DomainError } from '../http/errors.ts';
import type { AuditEntry, AuditOrigin } from '../audit/audit.ts';
import type { Actor } from './actor.ts';
import { authorize, type Action, type Denial, type Resource } from './policy.ts';

/**
 * The actor may not do this. Staff pages show "You do not have access" (403);
 * anywhere else the app's error handler answers 403, because this is a
 * DomainError('Forbidden').
 */
export class AccessDenied extends DomainError {
  constructor(
    public readonly action: Action,
    public readonly why: Denial,
  ) {
    super('Forbidden', `Not allowed: ${action} (${why})`);
    this.name = 'AccessDenied';
  }
}

/** What the audit entry for a successful action says (the action itself is filled in). */
export interface AuditSpec {
  /** Record under a more precise name than the policy action (e.g. "organisation.reinstate"). */
  action?: string;
  subjectType: string;
  subjectId: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface AccessContext {
  actor: Actor | null;
  requestId?: string | null;
  ipHash?: string | null;
  now: () => Date;
}

export interface Access {
  readonly actor: Actor | null;
  now(): Date;
  /** True when the actor may do it (for showing or hiding buttons; never a substitute for `run`). */
  can(action: Action, resource?: Resource): boolean;
  /**
   * Checks, then runs `work` in a transaction with its audit entry. `audit`
   * may be a function of the result, for entries that need the new record's
   * id; null only for reads of records that hold no personal data (a denial
   * is recorded all the same).
   */
  run<T>(
    action: Action,
    resource: Resource,
    audit: AuditSpec | ((result: T) => AuditSpec) | null,
    work: (trx: Transaction<DB>, actor: Actor) => Promise<T>,
  ): Promise<T>;
  /** Unchecked read of ids a resource description needs. Keep it to ids and flags. */
  lookup<T>(query: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  /** The origin fields for audit entries written by code outside `run` (sign-in events). */
  origin(): AuditOrigin;
}

export function auditOrigin(ctx: AccessContext): AuditOrigin {
  const a = ctx.actor;
  return {
    actor: a ? { accountId: a.accountId, organisationId: a.organisationId, role: a.role } : null,
    requestId: ctx.requestId ?? null,
    ipHash: ctx.ipHash ?? null,
    now: ctx.now(),
  };
}

/** The access layer for one request (or one command-line run, or one test). */
export function createAccess(db: Kysely<DB>, ctx: AccessContext): Access {
  return {
    actor: ctx.actor,
    now: ctx.now,
    can: (action, resource = {}) => authorize(ctx.actor, action, resource).allowed,
    async run(action, resource, audit, work) {
      const decision = authorize(ctx.actor, action, resource);
      if (!decision.allowed) {
        const entry: AuditEntry = {
          action,
          outcome: 'denied',
          subjectType: audit && typeof audit !== 'function' ? audit.subjectType : null,
          subjectId: audit && typeof audit !== 'function' ? audit.subjectId : null,
          details: { why: decision.why },
        };
        await appendAuditEvent(db, auditOrigin(ctx), entry);
        throw new AccessDenied(action, decision.why);
      }
      const actor = ctx.actor!;
      return db.transaction().execute(async (trx) => {
        const result = await work(trx, actor);
        if (audit === null) return result;
        const spec = typeof audit === 'function' ? audit(result) : audit;
        await appendAuditEvent(trx, auditOrigin(ctx), {
          action: spec.action ?? action,
          subjectType: spec.subjectType,
          subjectId: spec.subjectId,
          reason: spec.reason ?? null,
          ...(spec.details ? { details: spec.details } : {}),
        });
        return result;
      });
    },
    lookup: (query) => query(db),
    origin: () => auditOrigin(ctx),
  };
}
