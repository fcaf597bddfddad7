/**
 * Test helpers for befriending: volunteers with a profile and checks (in
 * date, out of date or missing), a person to befriend, and matches in any
 * state made directly (for tests that start half-way through a match).
 */
import type { Kysely } from 'kysely';
import type { DB, MatchState, PersonGender, VolunteerOffer } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { makeAccount } from '../accounts/accounts.test-support.ts';
import { addDays } from './vetting.ts';

export const TODAY = new Date().toISOString().slice(0, 10);

export interface VolunteerOptions {
  name?: string;
  email?: string;
  gender?: PersonGender | null;
  languages?: string[];
  areas?: string[];
  availability?: string[];
  offers?: VolunteerOffer[];
  maxMatches?: number;
  /** 'valid' (default): every check in date; 'expired': the DBS check ran out yesterday; 'missing': no references. */
  vetting?: 'valid' | 'expired' | 'missing';
  password?: boolean;
}

export async function makeVolunteer(
  db: Kysely<DB>,
  organisationId: string,
  o: VolunteerOptions = {},
): Promise<{ id: string; email: string }> {
  const account = await makeAccount(db, organisationId, {
    role: 'volunteer',
    name: o.name ?? 'Samira Haddad',
    ...(o.email ? { email: o.email } : {}),
    password: o.password ?? false,
  });
  await db
    .insertInto('volunteer_profile')
    .values({
      account_id: account.id,
      gender: o.gender === undefined ? 'woman' : o.gender,
      languages: o.languages ?? ['ar', 'en'],
      areas: o.areas ?? ['BD8'],
      availability: o.availability ?? ['tue_morning', 'thu_afternoon'],
      interests: ['cooking'],
      offers: o.offers ?? ['befriend_in_person', 'befriend_phone'],
      max_matches: o.maxMatches ?? 2,
      updated_at: new Date(),
    })
    .execute();
  const vetting = o.vetting ?? 'valid';
  for (const kind of ['dbs', 'training', 'references'] as const) {
    if (vetting === 'missing' && kind === 'references') continue;
    const expired = vetting === 'expired' && kind === 'dbs';
    await db
      .insertInto('volunteer_check')
      .values({
        id: newId(),
        account_id: account.id,
        kind,
        checked_on: addDays(TODAY, -1000),
        expires_on: expired ? addDays(TODAY, -1) : addDays(TODAY, 700),
        recorded_at: new Date(),
      })
      .execute();
  }
  return account;
}

/** A person held by `organisationId` who speaks Arabic, lives in BD8 and has a phone it is safe to call. */
export async function makeBefriendee(
  db: Kysely<DB>,
  organisationId: string,
  o: { name?: string; gender?: PersonGender } = {},
): Promise<string> {
  const id = newId();
  const now = new Date();
  await db
    .insertInto('person')
    .values({
      id,
      organisation_id: organisationId,
      display_name: o.name ?? 'Amina',
      preferred_language: 'ar',
      english_ok: false,
      phone: '07700 900123',
      safe_to_call: true,
      contact_method: 'phone',
      area: 'BD8 7AA',
      outcode: 'BD8',
      gender: o.gender ?? 'woman',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('person_consent')
    .values({
      id: newId(),
      person_id: id,
      kind: 'store',
      scope: ['record', 'contact_details', 'conversation'],
      given_by: 'verbal',
      granted_at: now,
    })
    .execute();
  return id;
}

/** A match made directly in a given state; 'active' and later have both sides agreed and the person's share consent. */
export async function makeMatch(
  db: Kysely<DB>,
  m: { personId: string; organisationId: string; volunteerId: string; coordinatorId: string; state?: MatchState },
): Promise<string> {
  const id = newId();
  const now = new Date();
  const state = m.state ?? 'proposed';
  const agreed = state !== 'proposed' && state !== 'declined' && state !== 'withdrawn';
  let consent: string | null = null;
  if (agreed) {
    consent = newId();
    await db
      .insertInto('person_consent')
      .values({
        id: consent,
        person_id: m.personId,
        kind: 'share',
        scope: ['name', 'language', 'contact_details'],
        purpose: 'befriending',
        given_by: 'verbal',
        granted_at: now,
      })
      .execute();
  }
  await db
    .insertInto('befriending_match')
    .values({
      id,
      person_id: m.personId,
      organisation_id: m.organisationId,
      volunteer_account_id: m.volunteerId,
      coordinator_account_id: m.coordinatorId,
      mode: 'in_person',
      state,
      reasons: ['gender:woman', 'language:ar', 'area:BD8'],
      person_agreed_at: agreed ? now : null,
      volunteer_agreed_at: agreed ? now : null,
      share_consent_id: consent,
      review_on: agreed ? addDays(TODAY, 56) : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
