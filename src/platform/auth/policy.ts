/**
 * Who may do what: one declarative table (POLICY) and one pure function
 * (`authorize`) that reads it. Nothing else in Belong decides access.
 *
 * Every action lists its grants. A grant names the roles it applies to, the
 * scope it reaches (any record, the actor's own organisation, the listings
 * the actor's organisation manages, the actor's own account) and optional
 * conditions (manager only, not on oneself, only roles a manager may give).
 * An actor is allowed when at least one grant matches; an actor that is
 * signed out, disabled or in a suspended organisation is never allowed.
 *
 * The table is enforced where data is read and written: policy-checked
 * services (see access.ts) call `authorize` before touching a protected
 * table, inside the same code path that writes the audit entry, so a route
 * cannot forget a check.
 *
 * Adding an action (e.g. for people records or referrals):
 *   1. add its name to ACTIONS and its grants to POLICY (and, if it needs a
 *      new kind of reach such as "shared with me", a scope to SCOPES and the
 *      field it reads to Resource);
 *   2. write the service function with `access.run('<action>', resource, …)`;
 *   3. add a row to the matrix (test/access-matrix/, or the module's *.access-rows.ts) saying which
 *      actors may do it; the test fails until every actor has been tried and
 *      the row both allows and denies someone.
 */
import type { StaffOrganisationKind, StaffRole } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export const ROLES = ['administrator', 'commissioner', 'connector', 'provider_staff', 'volunteer'] as const satisfies readonly StaffRole[];

/** Every protected action. */
export const ACTIONS = [
  'organisation.list',
  'organisation.create',
  'organisation.view',
  'organisation.update',
  'organisation.suspend',
  'staff.list',
  'staff.invite',
  'staff.suspend',
  'staff.change_role',
  'staff.issue_reset',
  'listing.edit',
  'listing.view',
  'listing.approve',
  'audit.search',
  'audit.subject_history',
  'outbox.view',
  'outbox.view_held',
  'account.manage_own',
  'unmet_need.view',
  'evidence.view',
  'population.upload',
  'api_token.manage',
  'report.view',
  'report.resolve',
  'report.dismiss',
  'quality.view',
  'quality.bulk_update',
  'quality.send_reminders',
  'person.list',
  'person.create',
  'person.view',
  'person.update',
  'person.history',
  'consent.record',
  'conversation.view',
  'conversation.save',
  'plan.send',
  'referral.create',
  'referral.view',
  'referral.send',
  'referral.update',
  'referral.inbox',
  'referral.respond',
  'referral.pause_service',
  'visit.view_own',
  'visit.plan',
  'visit.record_outcome',
  'measure.record',
  'measure.view',
  'measure.summary',
  'handover.start',
  'handover.incoming',
  'handover.respond',
  'handover.export',
  'handover.import',
  'volunteer.manage',
  'volunteer.edit_own',
  'befriending.find',
  'befriending.propose',
  'befriending.view',
  'befriending.manage',
  'befriending.view_own',
  'befriending.respond',
  'befriending.log_contact',
  'pathway.view',
  'pathway.update',
  'safeguarding.raise',
  'safeguarding.view',
  'safeguarding.acknowledge',
  'safeguarding.set_lead',
  'rights.edit',
  'unfair_report.view',
  'unfair_report.update',
] as const;

export type Action = (typeof ACTIONS)[number];

/** What an action is done to: the fields scopes and conditions look at. */
export interface Resource {
  /** The staff organisation the record belongs to. */
  organisationId?: string;
  /** The staff account concerned. */
  accountId?: string;
  /** For invitations and role changes: the role being given. */
  role?: StaffRole;
  /** For invitations and role changes: whether the manager flag is being given. */
  manager?: boolean;
  /** For listing edits: every directory organisation the change touches (must be non-empty). */
  listingOrganizationIds?: readonly string[];
}

type Scope = 'any' | 'ownOrganisation' | 'managedListings' | 'self';

export interface Grant {
  roles: readonly StaffRole[] | 'all';
  scope: Scope;
  /** Only accounts with the manager flag. */
  managerOnly?: boolean;
  /** Not on the actor's own account (so nobody suspends or demotes themselves by mistake). */
  notSelf?: boolean;
  /** Only roles a manager may give in their kind of organisation, and never the manager flag. */
  managerAssignableOnly?: boolean;
}

const ALL_SIGNED_IN = 'all';
const ADMIN: Grant = { roles: ['administrator'], scope: 'any' };
/** Connectors of the organisation that holds a person's record. */
const CONNECTOR_OWN: Grant = { roles: ['connector'], scope: 'ownOrganisation' };

/** The roles an organisation's own manager may give, by kind of organisation. */
export const MANAGER_ASSIGNABLE_ROLES: Readonly<Record<StaffOrganisationKind, readonly StaffRole[]>> = {
  referrer: ['connector', 'volunteer'],
  provider: ['provider_staff', 'volunteer'],
  both: ['connector', 'provider_staff', 'volunteer'],
};

const MANAGER_ROLES: readonly StaffRole[] = ['commissioner', 'connector', 'provider_staff', 'volunteer'];

/** The policy. Read it as: "<action> is allowed for <grant> or <grant> …". */
export const POLICY: Readonly<Record<Action, readonly Grant[]>> = {
  'organisation.list': [ADMIN],
  'organisation.create': [ADMIN],
  'organisation.view': [ADMIN, { roles: ALL_SIGNED_IN, scope: 'ownOrganisation' }],
  'organisation.update': [ADMIN],
  'organisation.suspend': [ADMIN],
  'staff.list': [ADMIN, { roles: MANAGER_ROLES, scope: 'ownOrganisation', managerOnly: true }],
  'staff.invite': [ADMIN, { roles: MANAGER_ROLES, scope: 'ownOrganisation', managerOnly: true, managerAssignableOnly: true }],
  'staff.suspend': [
    { ...ADMIN, notSelf: true },
    { roles: MANAGER_ROLES, scope: 'ownOrganisation', managerOnly: true, notSelf: true },
  ],
  'staff.change_role': [{ ...ADMIN, notSelf: true }],
  'staff.issue_reset': [ADMIN],
  'listing.edit': [ADMIN, { roles: ['provider_staff'], scope: 'managedListings' }],
  /** See listings with their review dates and pending changes (the "Your listings" page). */
  'listing.view': [ADMIN, { roles: ['provider_staff'], scope: 'managedListings' }],
  /** Decide on changes to sensitive listing fields; whoever may do this applies such changes directly. */
  'listing.approve': [ADMIN],
  'audit.search': [ADMIN],
  'audit.subject_history': [ADMIN],
  'outbox.view': [ADMIN],
  /** The text of messages about people the connector's organisation holds (ADR 5: never administrators). */
  'outbox.view_held': [CONNECTOR_OWN],
  'account.manage_own': [{ roles: ALL_SIGNED_IN, scope: 'self' }],
  /** Counts of needs matching could not meet, by area and need (aggregated, no personal data). */
  'unmet_need.view': [ADMIN, { roles: ['commissioner'], scope: 'any' }],
  /** Commissioners' evidence: coverage, the referral funnel and outcomes (aggregates with small numbers hidden). */
  'evidence.view': [ADMIN, { roles: ['commissioner'], scope: 'any' }],
  /** Upload an area's population baseline (reach ratios): replaces that area's figures. */
  'population.upload': [ADMIN],
  /** Read-only API tokens for a BI tool: one's own (create, list, revoke); they read only /api/reports/*. */
  'api_token.manage': [{ roles: ['administrator', 'commissioner'], scope: 'self' }],
  // Problem reports about listings (quality module): administrators see the whole queue and
  // the reporters' contact details; provider staff see and resolve reports about their own listings.
  'report.view': [ADMIN, { roles: ['provider_staff'], scope: 'managedListings' }],
  'report.resolve': [ADMIN, { roles: ['provider_staff'], scope: 'managedListings' }],
  'report.dismiss': [ADMIN],
  /** The data-quality view, its bulk actions (mark verified, archive) and "send review reminders now". */
  'quality.view': [ADMIN],
  'quality.bulk_update': [ADMIN],
  'quality.send_reminders': [ADMIN],
  // People's records: only connectors of the organisation that holds the record. Administrators
  // and commissioners never read them (they see counts in reports); volunteers get what a
  // connector shares with them later (issue 6). Every read is audited under the person.
  'person.list': [CONNECTOR_OWN],
  'person.create': [CONNECTOR_OWN],
  'person.view': [CONNECTOR_OWN],
  'person.update': [CONNECTOR_OWN],
  /** "Who has looked at this record", for the connectors who hold it. */
  'person.history': [CONNECTOR_OWN],
  /** Record or withdraw a consent. */
  'consent.record': [CONNECTOR_OWN],
  'conversation.view': [CONNECTOR_OWN],
  'conversation.save': [CONNECTOR_OWN],
  'plan.send': [CONNECTOR_OWN],
  // Referrals (issue 6). The referrer side: connectors of the organisation that holds the person's
  // record start, send (with the person's share consent), follow and re-route referrals. The
  // recipient side: provider staff of the organisation an attempt was sent to see it (only the
  // fields the person agreed to share) and record what happened. Nobody else sees a referral.
  'referral.create': [CONNECTOR_OWN],
  'referral.view': [CONNECTOR_OWN],
  /** Choose a service, record the person's share consent and send; record a withdrawal of that consent. */
  'referral.send': [CONNECTOR_OWN],
  /** The referrer's own events: withdraw, redirect, the person's check-in answer. */
  'referral.update': [CONNECTOR_OWN],
  'referral.inbox': [{ roles: ['provider_staff'], scope: 'ownOrganisation' }],
  'referral.respond': [{ roles: ['provider_staff'], scope: 'ownOrganisation' }],
  /** Stop (or start again) taking referrals to a service of a listing the organisation manages. */
  'referral.pause_service': [ADMIN, { roles: ['provider_staff'], scope: 'managedListings' }],
  /**
   * A volunteer's own first visits (the "Visits you are going with" page): only attempts naming the
   * volunteer's account as companion, and of the person only what the share consent in force lets
   * through (chosen name, language) — never contact details, need or summary (resource: the actor's account).
   */
  'visit.view_own': [{ roles: ['volunteer'], scope: 'self' }],
  /**
   * Book a first visit and the first few sessions with a vetted volunteer as travel buddy (time, meeting
   * point), and see them: provider staff of the organisation the attempt was sent to, or connectors of
   * the organisation that made the referral (resource: that organisation).
   */
  'visit.plan': [{ roles: ['provider_staff'], scope: 'ownOrganisation' }, CONNECTOR_OWN],
  /** "How did it go": only the volunteer booked as the session's buddy (resource: the buddy's account). */
  'visit.record_outcome': [{ roles: ['volunteer'], scope: 'self' }],
  // Connection measures: connectors of the organisation holding the person's record record and
  // see individual answers and change over time; commissioners and administrators never do —
  // they see area-wide figures only, with small numbers hidden.
  'measure.record': [CONNECTOR_OWN],
  'measure.view': [CONNECTOR_OWN],
  'measure.summary': [ADMIN, { roles: ['commissioner'], scope: 'any' }],
  // Moving area (issue 6): connectors of the organisation holding a record hand it over (or export
  // it); connectors of the receiving organisation see incoming hand-overs and accept or decline
  // them (resource: the receiving organisation); importing makes a record in the actor's own.
  'handover.start': [CONNECTOR_OWN],
  'handover.incoming': [CONNECTOR_OWN],
  'handover.respond': [CONNECTOR_OWN],
  'handover.export': [CONNECTOR_OWN],
  'handover.import': [CONNECTOR_OWN],
  // Befriending (issue 14). Coordinators are connectors: they see and vet the volunteers of their
  // own organisation (as does its manager), find volunteers for a person whose record their
  // organisation holds, propose and run matches. A volunteer keeps their own profile and
  // availability, and sees only their own matches (resource: the match's volunteer account); of
  // the person, nothing identifying until both sides agreed. Every read of a person is audited.
  /** The volunteers of an organisation (resource: theirs): profiles, vetting checks and their expiry. */
  'volunteer.manage': [CONNECTOR_OWN, { roles: MANAGER_ROLES, scope: 'ownOrganisation', managerOnly: true }],
  /** A volunteer's own profile and availability. */
  'volunteer.edit_own': [{ roles: ['volunteer'], scope: 'self' }],
  'befriending.find': [CONNECTOR_OWN],
  'befriending.propose': [CONNECTOR_OWN],
  'befriending.view': [CONNECTOR_OWN],
  /** The person's agreement, the review date, the ending and goodbye, concerns seen. */
  'befriending.manage': [CONNECTOR_OWN],
  'befriending.view_own': [{ roles: ['volunteer'], scope: 'self' }],
  /** A volunteer accepts or declines a proposed match. */
  'befriending.respond': [{ roles: ['volunteer'], scope: 'self' }],
  /** Plan and log contacts (done / missed, a note) and raise a safeguarding concern: the match's volunteer or its coordinators. */
  'befriending.log_contact': [{ roles: ['volunteer'], scope: 'self' }, CONNECTOR_OWN],
  /** A person's pathway (one-to-one, groups, giving back) and the next steps offered to them. */
  'pathway.view': [CONNECTOR_OWN],
  'pathway.update': [CONNECTOR_OWN],
  // The crisis route (issue 15): connectors of the organisation holding a person's record say someone
  // is at risk, see the concerns on the record and acknowledge them (the named lead or a colleague);
  // an organisation's manager, or an administrator, names its safeguarding lead.
  'safeguarding.raise': [CONNECTOR_OWN],
  'safeguarding.view': [CONNECTOR_OWN],
  'safeguarding.acknowledge': [CONNECTOR_OWN],
  'safeguarding.set_lead': [ADMIN, { roles: MANAGER_ROLES, scope: 'ownOrganisation', managerOnly: true }],
  // Safety and rights (issue 15). The deployment's "know your rights" texts and their review dates;
  // reports of unfair treatment at a service go to administrators only, never to the provider.
  /** See the rights pages' review list, replace a page's text in one language, set its next review date. */
  'rights.edit': [ADMIN],
  /** The unfair-treatment queue, with the reporters' contact details when they gave some. */
  'unfair_report.view': [ADMIN],
  /** Move a report on (new, looking into it, closed with an outcome). */
  'unfair_report.update': [ADMIN],
};

/** How each scope reaches a resource. */
const SCOPES: Readonly<Record<Scope, (actor: Actor, r: Resource) => boolean>> = {
  any: () => true,
  ownOrganisation: (a, r) => r.organisationId !== undefined && r.organisationId === a.organisationId,
  managedListings: (a, r) =>
    r.listingOrganizationIds !== undefined &&
    r.listingOrganizationIds.length > 0 &&
    r.listingOrganizationIds.every((id) => a.listingOrganizationIds.includes(id)),
  self: (a, r) => r.accountId !== undefined && r.accountId === a.accountId,
};

export type Denial = 'signedOut' | 'inactive' | 'noGrant';
export type Decision = { allowed: true; grant: Grant } | { allowed: false; why: Denial };

function grantMatches(g: Grant, actor: Actor, r: Resource): boolean {
  if (g.roles !== 'all' && !g.roles.includes(actor.role)) return false;
  if (g.managerOnly && !actor.manager) return false;
  if (g.notSelf && (r.accountId === undefined || r.accountId === actor.accountId)) return false;
  if (g.managerAssignableOnly) {
    if (r.role === undefined || !MANAGER_ASSIGNABLE_ROLES[actor.organisationKind].includes(r.role) || r.manager) return false;
  }
  return SCOPES[g.scope](actor, r);
}

/** Decides one action on one resource for one actor (null: nobody is signed in). Pure. */
export function authorize(actor: Actor | null, action: Action, resource: Resource = {}): Decision {
  if (!actor) return { allowed: false, why: 'signedOut' };
  if (!actor.active) return { allowed: false, why: 'inactive' };
  for (const g of POLICY[action]) if (grantMatches(g, actor, resource)) return { allowed: true, grant: g };
  return { allowed: false, why: 'noGrant' };
}

/** True when the actor may do the action to the resource. */
export const can = (actor: Actor | null, action: Action, resource: Resource = {}): boolean => authorize(actor, action, resource).allowed;
