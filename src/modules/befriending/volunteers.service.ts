/**
 * Volunteers, policy-checked: a volunteer keeps their own profile and
 * availability (`volunteer.edit_own`); the coordinators and the manager of
 * their organisation see every volunteer there, edit profiles and record
 * vetting checks with their expiry dates (`volunteer.manage`).
 */
import type { Access } from '../../platform/auth/access.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { londonDate } from '../matching/match.service.ts';
import {
  accountBasics,
  checksOf,
  insertCheck,
  openMatchCounts,
  profileOf,
  saveProfile,
  volunteersOf,
  type CheckRow,
  type ProfileRow,
} from './befriending.repository.ts';
import type { CheckInput, ProfileInput } from './volunteer-form.ts';
import { vettingOf, type CheckRecord, type Vetting } from './vetting.ts';

export const volunteerNotFound = () => new DomainError('NotFound', 'There is no such volunteer.');

export interface VolunteerDetail {
  accountId: string;
  name: string;
  organisationId: string;
  profile: ProfileInput | null;
  vetting: Vetting;
  /** Every check recorded, newest first. */
  history: (CheckRecord & { note: string | null; recordedAt: Date })[];
  openMatches: number;
}

export const toRecord = (c: CheckRow): CheckRecord => ({ kind: c.kind, checkedOn: c.checked_on, expiresOn: c.expires_on });

export function toProfile(
  p: Pick<
    ProfileRow,
    'gender' | 'languages' | 'areas' | 'availability' | 'interests' | 'offers' | 'lived_experience' | 'max_matches' | 'paused'
  >,
): ProfileInput {
  return {
    gender: p.gender,
    languages: p.languages,
    areas: p.areas,
    availability: p.availability as ProfileInput['availability'],
    interests: p.interests,
    offers: p.offers,
    livedExperience: p.lived_experience,
    maxMatches: p.max_matches,
    paused: p.paused,
  };
}

async function detail(trx: Transaction<DB>, accountId: string, today: string): Promise<VolunteerDetail> {
  const a = await accountBasics(trx, accountId);
  if (!a || a.role !== 'volunteer') throw volunteerNotFound();
  const profile = await profileOf(trx, accountId);
  const checks = await checksOf(trx, [accountId]);
  return {
    accountId,
    name: a.name,
    organisationId: a.organisationId,
    profile: profile ? toProfile(profile) : null,
    vetting: vettingOf(checks.map(toRecord), today),
    history: checks.map((c) => ({ ...toRecord(c), note: c.note, recordedAt: c.recorded_at })),
    openMatches: (await openMatchCounts(trx, [accountId])).get(accountId) ?? 0,
  };
}

const profileRow = (accountId: string, p: ProfileInput, by: string, at: Date) => ({
  account_id: accountId,
  gender: p.gender,
  languages: p.languages,
  areas: p.areas,
  availability: p.availability,
  interests: p.interests,
  offers: p.offers,
  lived_experience: p.livedExperience,
  max_matches: p.maxMatches,
  paused: p.paused,
  updated_by: by,
  updated_at: at,
});

export function volunteersService(access: Access) {
  const today = () => londonDate(access.now());
  const subject = (id: string) => ({ subjectType: 'staff_account', subjectId: id });

  /** The volunteer's organisation (ids only), or a 404 for anything that is not a volunteer. */
  async function orgOf(accountId: string): Promise<string> {
    if (!isUuid(accountId)) throw volunteerNotFound();
    const a = await access.lookup((db) => accountBasics(db, accountId));
    if (!a || a.role !== 'volunteer') throw volunteerNotFound();
    return a.organisationId;
  }

  return {
    /** The signed-in volunteer's own profile and vetting. */
    async own(): Promise<VolunteerDetail> {
      const self = access.actor?.accountId ?? '';
      return access.run('volunteer.edit_own', { accountId: self }, null, (trx) => detail(trx, self, today()));
    },

    async saveOwn(p: ProfileInput): Promise<void> {
      const self = access.actor?.accountId ?? '';
      await access.run(
        'volunteer.edit_own',
        { accountId: self },
        { ...subject(self), action: 'volunteer.profile_update' },
        async (trx, actor) => {
          // Lived experience is a coordinator's call (it makes someone a peer mentor); the volunteer keeps what was set.
          const current = await profileOf(trx, self);
          await saveProfile(
            trx,
            profileRow(self, { ...p, livedExperience: current?.lived_experience ?? false }, actor.accountId, access.now()),
          );
        },
      );
    },

    /** Every volunteer of the actor's organisation, with vetting and how many matches they hold. */
    async list() {
      const org = access.actor?.organisationId ?? '';
      return access.run('volunteer.manage', { organisationId: org }, null, async (trx) => {
        const rows = await volunteersOf(trx, org);
        const ids = rows.map((r) => r.id);
        const checks = await checksOf(trx, ids);
        const open = await openMatchCounts(trx, ids);
        return rows.map((r) => ({
          accountId: r.id,
          name: r.name,
          hasProfile: r.updated_at !== null,
          offers: r.offers ?? [],
          languages: r.languages ?? [],
          paused: r.paused ?? false,
          vetting: vettingOf(checks.filter((c) => c.account_id === r.id).map(toRecord), today()),
          openMatches: open.get(r.id) ?? 0,
        }));
      });
    },

    async get(accountId: string): Promise<VolunteerDetail> {
      const org = await orgOf(accountId);
      return access.run('volunteer.manage', { organisationId: org }, { ...subject(accountId), action: 'volunteer.view' }, (trx) =>
        detail(trx, accountId, today()),
      );
    },

    async saveProfile(accountId: string, p: ProfileInput): Promise<void> {
      const org = await orgOf(accountId);
      await access.run(
        'volunteer.manage',
        { organisationId: org },
        { ...subject(accountId), action: 'volunteer.profile_update' },
        (trx, actor) => saveProfile(trx, profileRow(accountId, p, actor.accountId, access.now())),
      );
    },

    async recordCheck(accountId: string, c: CheckInput): Promise<void> {
      const org = await orgOf(accountId);
      await access.run(
        'volunteer.manage',
        { organisationId: org },
        { ...subject(accountId), action: 'volunteer.check_record', details: { kind: c.kind, expiresOn: c.expiresOn } },
        (trx, actor) =>
          insertCheck(trx, {
            id: newId(),
            account_id: accountId,
            kind: c.kind,
            checked_on: c.checkedOn,
            expires_on: c.expiresOn,
            note: c.note,
            recorded_by: actor.accountId,
            recorded_at: access.now(),
          }),
      );
    },
  };
}

export type VolunteersService = ReturnType<typeof volunteersService>;
