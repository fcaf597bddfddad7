/** The categories reports count by: ethnicity (ONS 2021, England and Wales) and how a person came to the connector. */

/** ONS 2021 Census ethnic groups for England and Wales (19), by their five headings, and "prefer not to say". */
export const ETHNICITIES = [
  'asian_bangladeshi',
  'asian_chinese',
  'asian_indian',
  'asian_pakistani',
  'asian_other',
  'black_african',
  'black_caribbean',
  'black_other',
  'mixed_white_asian',
  'mixed_white_black_african',
  'mixed_white_black_caribbean',
  'mixed_other',
  'white_british',
  'white_irish',
  'white_gypsy_traveller',
  'white_roma',
  'white_other',
  'other_arab',
  'other_any',
  'prefer_not_to_say',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** Every group but the white ones and "prefer not to say": the ethnic-minority share in the seed reports' sense. */
export const isEthnicMinority = (e: string): boolean => !e.startsWith('white_') && e !== 'prefer_not_to_say';

export const REFERRAL_ROUTES = [
  'gp',
  'pharmacy',
  'hospital_discharge',
  'jobcentre',
  'housing',
  'community_group',
  'self_referral',
  'other',
] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];

export const PERSON_AGE_BANDS = ['under_16', '16_17', '18_24', '25_49', '50_64', '65_plus'] as const;
export const PERSON_GENDERS = ['woman', 'man', 'another'] as const;

/** The need every simulated referral carries (the demo's made-up activity): reports say so when they find it. */
export const SIMULATED_NEED = 'Made-up need (demo)';
