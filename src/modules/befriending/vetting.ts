/**
 * A volunteer's vetting (pure) lives in src/modules/vetting, so that the
 * referrals module (travel buddies) applies the very same rule without
 * importing befriending (which imports referrals).
 */
export * from '../vetting/vetting.ts';
