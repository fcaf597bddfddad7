/** Structured JSON logs (pino). One root logger; modules take children with a `module` field. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { app: 'belong' },
    // Personal data must never reach logs: redact the obvious carriers.
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.pin'], remove: true },
  });
}
