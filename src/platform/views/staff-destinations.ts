/**
 * Where a signed-in member of staff can go: one list, worked out from the
 * policy, shown as the staff navigation and as the tiles on the staff home
 * page. A destination appears only when the actor may use it, so nobody is
 * offered a page that answers "you do not have access".
 */
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/policy.ts';
import type { StaffKey } from '../i18n/staff-catalogue.ts';

export interface Destination {
  href: string;
  /** Short label for the navigation. */
  nav: StaffKey;
  /** Title and hint for the home page tile. */
  tile: StaffKey;
  hint: StaffKey;
}

export function staffDestinations(actor: Actor): Destination[] {
  const own = { organisationId: actor.organisationId };
  const listings = { listingOrganizationIds: actor.listingOrganizationIds };
  const out: Destination[] = [];
  const add = (ok: boolean, d: Destination) => ok && out.push(d);

  add(can(actor, 'person.list', own), { href: '/staff/people', nav: 'nav.people', tile: 'home.people', hint: 'home.peopleHint' });
  add(can(actor, 'referral.view', own), {
    href: '/staff/referrals',
    nav: 'nav.referrals',
    tile: 'home.referrals',
    hint: 'home.referralsHint',
  });
  add(can(actor, 'handover.incoming', own), {
    href: '/staff/handovers',
    nav: 'nav.handovers',
    tile: 'home.handovers',
    hint: 'home.handoversHint',
  });
  add(can(actor, 'visit.view_own', { accountId: actor.accountId }), {
    href: '/staff/visits',
    nav: 'nav.visits',
    tile: 'home.visits',
    hint: 'home.visitsHint',
  });
  add(can(actor, 'outbox.view_held', own), {
    href: '/staff/messages',
    nav: 'nav.messages',
    tile: 'home.messages',
    hint: 'home.messagesHint',
  });
  add(can(actor, 'volunteer.edit_own', { accountId: actor.accountId }), {
    href: '/staff/volunteering',
    nav: 'nav.volunteering',
    tile: 'home.volunteering',
    hint: 'home.volunteeringHint',
  });
  add(can(actor, 'befriending.view', own), {
    href: '/staff/befriending',
    nav: 'nav.befriending',
    tile: 'home.befriending',
    hint: 'home.befriendingHint',
  });
  add(can(actor, 'safeguarding.view', own) || can(actor, 'safeguarding.set_lead'), {
    href: '/staff/safeguarding',
    nav: 'nav.safeguarding',
    tile: 'home.safeguarding',
    hint: 'home.safeguardingHint',
  });
  add(can(actor, 'volunteer.manage', own), {
    href: '/staff/volunteers',
    nav: 'nav.volunteers',
    tile: 'home.volunteers',
    hint: 'home.volunteersHint',
  });
  add(can(actor, 'referral.inbox', own), { href: '/staff/referrals/inbox', nav: 'nav.inbox', tile: 'home.inbox', hint: 'home.inboxHint' });
  add(can(actor, 'referral.inbox', own), {
    href: '/staff/feedback',
    nav: 'nav.feedback',
    tile: 'home.feedback',
    hint: 'home.feedbackHint',
  });
  add(can(actor, 'listing.approve') || can(actor, 'listing.view', listings), {
    href: '/staff/listings',
    nav: 'nav.listings',
    tile: 'home.listings',
    hint: 'home.listingsHint',
  });
  add(can(actor, 'listing.approve'), {
    href: '/admin/approvals',
    nav: 'nav.approvals',
    tile: 'home.approvals',
    hint: 'home.approvalsHint',
  });
  if (can(actor, 'report.dismiss'))
    add(true, { href: '/admin/reports', nav: 'nav.reports', tile: 'home.reports', hint: 'home.reportsHint' });
  else
    add(can(actor, 'report.view', listings), {
      href: '/staff/reports',
      nav: 'nav.reports',
      tile: 'home.reports',
      hint: 'home.reportsProviderHint',
    });
  add(can(actor, 'quality.view'), { href: '/admin/quality', nav: 'nav.quality', tile: 'home.quality', hint: 'home.qualityHint' });
  add(can(actor, 'unfair_report.view'), {
    href: '/admin/unfair-treatment',
    nav: 'nav.unfairTreatment',
    tile: 'home.unfairTreatment',
    hint: 'home.unfairTreatmentHint',
  });
  add(can(actor, 'rights.edit'), { href: '/admin/rights', nav: 'nav.rights', tile: 'home.rights', hint: 'home.rightsHint' });
  add(can(actor, 'unmet_need.view'), {
    href: '/staff/unmet-needs',
    nav: 'nav.unmetNeeds',
    tile: 'home.unmetNeeds',
    hint: 'home.unmetNeedsHint',
  });
  add(can(actor, 'evidence.view'), { href: '/staff/evidence', nav: 'nav.evidence', tile: 'home.evidence', hint: 'home.evidenceHint' });
  add(can(actor, 'measure.summary'), {
    href: '/staff/measures/summary',
    nav: 'nav.measures',
    tile: 'home.measures',
    hint: 'home.measuresHint',
  });
  if (can(actor, 'organisation.list'))
    add(true, { href: '/staff/organisations', nav: 'nav.organisations', tile: 'home.organisations', hint: 'home.organisationsHint' });
  else
    add(can(actor, 'staff.list', own), {
      href: `/staff/organisations/${actor.organisationId}`,
      nav: 'nav.myOrganisation',
      tile: 'home.myOrganisation',
      hint: 'home.myOrganisationHint',
    });
  add(can(actor, 'organisation.update'), {
    href: '/admin/organisation-areas',
    nav: 'nav.organisationAreas',
    tile: 'home.organisationAreas',
    hint: 'home.organisationAreasHint',
  });
  add(can(actor, 'audit.search'), { href: '/admin/audit', nav: 'nav.audit', tile: 'home.audit', hint: 'home.auditHint' });
  add(can(actor, 'outbox.view'), { href: '/admin/outbox', nav: 'nav.outbox', tile: 'home.outbox', hint: 'home.outboxHint' });
  add(true, { href: '/staff/account', nav: 'nav.account', tile: 'home.account', hint: 'home.accountHint' });
  return out;
}
