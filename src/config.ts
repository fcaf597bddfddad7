/**
 * Typed configuration read once from the environment.
 *
 * DATABASE_URL chooses the engine: a postgres:// URL uses a PostgreSQL server;
 * anything else (default `./data/pglite`) is a folder for the embedded PGlite
 * database, and `memory://` keeps it in memory (tests).
 */
import { z } from 'zod';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z.string().min(1).default('./data/pglite'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Public base URL used in feeds and links, e.g. https://belong.example.org */
    PUBLIC_URL: z.string().url().optional(),
    /** Load the demo area into an empty database on start. */
    DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Size of the PostgreSQL connection pool (ignored by PGlite, which has one connection). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * PostgreSQL server: keep long statements (the searches) prepared on each connection, parsed
     * once (src/platform/db/prepared-statements.ts). `off` behind a pooler in transaction mode that
     * does not keep prepared statements.
     */
    DATABASE_PREPARE: z.enum(['on', 'off']).default('on'),
    /**
     * Staff session cookies: `on` always marks them Secure (and names them
     * `__Host-belong_session`); `auto` does so when the request came over https
     * (directly or as told by X-Forwarded-Proto); `off` never (local http only).
     */
    SECURE_COOKIES: z.enum(['auto', 'on', 'off']).default('auto'),
    /** A staff session ends after this many minutes without a request. */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** A staff session ends this many hours after sign-in, however busy. */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    /** `on` behind a reverse proxy: take the client address from X-Forwarded-For (for login throttling). */
    TRUST_PROXY: z.enum(['on', 'off']).default('off'),
    /** A folder of licensed measure content packs (JSON) this deployment supplies; see src/modules/measures/measure-packs.ts. */
    BELONG_MEASURE_PACKS_DIR: z.string().min(1).optional(),
    /** How messages leave Belong: kept in the outbox only (default), or sent through GOV.UK Notify as well. */
    NOTIFY: z.enum(['outbox', 'govuk-notify']).default('outbox'),
    GOVUK_NOTIFY_API_KEY: z.string().min(1).optional(),
    GOVUK_NOTIFY_EMAIL_TEMPLATE_ID: z.string().uuid().optional(),
    GOVUK_NOTIFY_SMS_TEMPLATE_ID: z.string().uuid().optional(),
    GOVUK_NOTIFY_URL: z.string().url().optional(),
    /** Days this deployment is closed besides bank holidays (comma-separated YYYY-MM-DD): not working days for deadlines. */
    BELONG_EXTRA_CLOSURES: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.iso.date('must be dates written YYYY-MM-DD, separated by commas'))),
  })
  .superRefine((c, ctx) => {
    if (c.NOTIFY !== 'govuk-notify') return;
    for (const k of ['GOVUK_NOTIFY_API_KEY', 'GOVUK_NOTIFY_EMAIL_TEMPLATE_ID', 'GOVUK_NOTIFY_SMS_TEMPLATE_ID'] as const)
      if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'needed when NOTIFY=govuk-notify' });
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parse configuration from an environment map; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
