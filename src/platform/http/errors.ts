/** Domain errors that map to HTTP statuses, and the one error handler. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../log.ts';

export type ErrorCode = 'NotFound' | 'BadRequest' | 'Conflict' | 'Forbidden';

const STATUS: Record<ErrorCode, 400 | 403 | 404 | 409> = { NotFound: 404, BadRequest: 400, Conflict: 409, Forbidden: 403 };

export class DomainError extends Error {
  constructor(
    public code: ErrorCode,
    message: string,
    public details?: string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
  get status() {
    return STATUS[this.code];
  }
}

export function errorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof DomainError) {
      return c.json({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }, err.status);
    }
    if (err instanceof HTTPException) return err.getResponse();
    log.error({ err, path: c.req.path, requestId: c.get('requestId' as never) }, 'unhandled error');
    return c.json({ error: 'InternalError', message: 'Something went wrong on our side. Please try again.' }, 500);
  };
}
