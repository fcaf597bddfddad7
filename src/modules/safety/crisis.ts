/**
 * The crisis route's rules, pure: the deployment's urgent options and
 * acknowledgement time (data/crisis/crisis.json, checked here), and when a
 * safeguarding concern falls due for acknowledgement.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isWorkingDay } from '../referrals/working-days.ts';

/** Options whose words are in every catalogue (`crisis.option.<code>.name|when`); any other code is a local line. */
export const KNOWN_OPTIONS = ['emergency', 'nhs111', 'samaritans'] as const;
export type KnownOption = (typeof KNOWN_OPTIONS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM');

export const CrisisConfigSchema = z
  .object({
    acknowledgeWithinMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    countWorkingHoursOnly: z.boolean().default(false),
    workingHours: z.object({ from: hhmm, to: hhmm }).default({ from: '09:00', to: '17:00' }),
    options: z
      .array(
        z.object({
          code: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/),
          phone: z.string().regex(/^[0-9 +]{3,20}$/, 'must be a phone number (digits and spaces)'),
          name: z.string().min(1).max(120).optional(),
        }),
      )
      .min(1),
  })
  .refine((c) => c.workingHours.from < c.workingHours.to, { message: 'working hours must end after they start', path: ['workingHours'] })
  .refine((c) => c.options.every((o) => (KNOWN_OPTIONS as readonly string[]).includes(o.code) || !!o.name), {
    message: 'a local line (a code other than emergency, nhs111, samaritans) needs a name',
    path: ['options'],
  });

export type CrisisConfig = z.infer<typeof CrisisConfigSchema>;
export type CrisisOption = CrisisConfig['options'][number];

/** Sane UK defaults, should a deployment give no file. */
export const UK_DEFAULTS: CrisisConfig = {
  acknowledgeWithinMinutes: 60,
  countWorkingHoursOnly: false,
  workingHours: { from: '09:00', to: '17:00' },
  options: [
    { code: 'emergency', phone: '999' },
    { code: 'nhs111', phone: '111' },
    { code: 'samaritans', phone: '116 123' },
  ],
};

/** Reads a crisis.json's content; throws with every problem when it does not fit. */
export function parseCrisisConfig(json: unknown): CrisisConfig {
  const r = CrisisConfigSchema.safeParse(json);
  if (!r.success) throw new Error(`data/crisis/crisis.json: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export const isKnownOption = (code: string): code is KnownOption => (KNOWN_OPTIONS as readonly string[]).includes(code);

/** The number as a tel: link target (no spaces). */
export const telHref = (phone: string): string => `tel:${phone.replace(/\s+/g, '')}`;

// --- when a concern falls due ------------------------------------------------------------------

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** London wall-clock date ('YYYY-MM-DD') and minutes after midnight. */
function londonParts(d: Date): { date: string; minute: number } {
  const p = Object.fromEntries(LONDON.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * When the lead must have acknowledged a concern raised at `raisedAt`: that
 * many minutes later, or, counting working hours only, that many minutes of
 * working time (London wall clock, working days only) later. Steps a minute at
 * a time through working time and skips whole closed stretches, so it is
 * exact across clock changes.
 */
export function acknowledgeDueAt(
  raisedAt: Date,
  config: Pick<CrisisConfig, 'acknowledgeWithinMinutes' | 'countWorkingHoursOnly' | 'workingHours'>,
  workingDay: (date: string) => boolean = isWorkingDay,
): Date {
  const minutes = config.acknowledgeWithinMinutes;
  if (!config.countWorkingHoursOnly) return new Date(raisedAt.getTime() + minutes * 60_000);
  const from = minutesOf(config.workingHours.from);
  const to = minutesOf(config.workingHours.to);
  let t = new Date(Math.floor(raisedAt.getTime() / 60_000) * 60_000);
  let left = minutes;
  // At most a year of steps: guards against a calendar with no working day at all.
  for (let guard = 0; guard < 366 * 24 * 60 && left > 0; guard++) {
    const { date, minute } = londonParts(t);
    if (workingDay(date) && minute >= from && minute < to) {
      const run = Math.min(left, to - minute);
      t = new Date(t.getTime() + run * 60_000);
      left -= run;
    } else if (!workingDay(date) || minute >= to) {
      // Jump to the next midnight (London), then on.
      t = new Date(t.getTime() + (24 * 60 - minute) * 60_000);
    } else {
      t = new Date(t.getTime() + (from - minute) * 60_000);
    }
  }
  return t;
}

// --- the deployment's file ---------------------------------------------------------------------

const DEFAULT_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/crisis/crisis.json');
let loaded: CrisisConfig | null = null;

/** The deployment's crisis configuration (data/crisis/crisis.json; UK defaults when there is no file). Read once. */
export function crisisConfig(): CrisisConfig {
  if (loaded) return loaded;
  loaded = existsSync(DEFAULT_FILE) ? parseCrisisConfig(JSON.parse(readFileSync(DEFAULT_FILE, 'utf8'))) : UK_DEFAULTS;
  return loaded;
}
