/**
 * Domain errors that map to HTTP statuses, and the one error handler.
 *
 * The handler answers every failure with a status that says whose problem it
 * is, never a bare 500 for something the request or the database caused:
 *
 * - DomainError: its own status (400, 403, 404, 409), as JSON;
 * - RequestRejected (input-guard.ts): 400 or 413;
 * - a database failure (db-errors.ts): 503 when the database cannot serve us
 *   (connection cut, disk full, read-only), 400 when it refused a value;
 * - anything else: 500, logged.
 *
 * Pages get a page in the person's language (the `page` renderer given to
 * errorHandler, see views/error-page.tsx); the APIs get JSON.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { classifyDbError } from '../db/db-errors.ts';
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

/** Why a request was refused before any route saw it (input-guard.ts). */
export type RejectionReason = 'tooLarge' | 'notAForm' | 'nul';

export class RequestRejected extends Error {
  constructor(
    public reason: RejectionReason,
    options?: ErrorOptions,
  ) {
    super(REJECTION_MESSAGES[reason], options);
    this.name = 'RequestRejected';
  }
  get status(): 400 | 413 {
    return this.reason === 'tooLarge' ? 413 : 400;
  }
}

const REJECTION_MESSAGES: Record<RejectionReason, string> = {
  tooLarge: 'The request body is larger than this address accepts.',
  notAForm:
    'The request body could not be read: send an HTML form (application/x-www-form-urlencoded or multipart/form-data with its boundary).',
  nul: 'The request contains a NUL character (%00), which no field may contain.',
};

/** The kinds of error page: each has a title and a sentence in every catalogue. */
export type ErrorPageKind = 'badRequest' | 'tooLarge' | 'unavailable' | 'internal';

export type ErrorStatus = 400 | 413 | 500 | 503;

/** Renders an error page for a person (public or staff), in their language. */
export type ErrorPageRenderer = (c: Context, kind: ErrorPageKind, status: ErrorStatus) => Response | Promise<Response>;

/** Whether this request wants JSON (the APIs, or a client that asks only for JSON) rather than a page. */
export function wantsJson(c: Context): boolean {
  if (/^\/(api|oruk|fhir)(\/|$)/.test(c.req.path) || c.req.path === '/health') return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('json') && !accept.includes('text/html');
}

const JSON_ANSWERS: Record<ErrorPageKind, { error: string; message: string }> = {
  badRequest: { error: 'BadRequest', message: 'The request could not be read.' },
  tooLarge: { error: 'PayloadTooLarge', message: REJECTION_MESSAGES.tooLarge },
  unavailable: { error: 'ServiceUnavailable', message: 'The database is not available just now. Please try again in a minute.' },
  internal: { error: 'InternalError', message: 'Something went wrong on our side. Please try again.' },
};

export function errorHandler(log: Logger, page?: ErrorPageRenderer) {
  const answer = async (c: Context, kind: ErrorPageKind, status: ErrorStatus, message?: string) => {
    c.header('Cache-Control', 'no-store');
    if (status === 503) c.header('Retry-After', '30');
    // The rest of a body too large to read is never read: close the connection instead.
    if (status === 413) c.header('Connection', 'close');
    if (page && !wantsJson(c)) {
      try {
        return await page(c, kind, status);
      } catch (err) {
        log.error({ err, path: c.req.path }, 'error page failed');
      }
    }
    return c.json({ ...JSON_ANSWERS[kind], ...(message ? { message } : {}) }, status);
  };
  return (err: Error, c: Context) => {
    const requestId = c.get('requestId' as never);
    if (err instanceof DomainError) {
      return c.json({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }, err.status);
    }
    if (err instanceof RequestRejected) {
      log.info({ reason: err.reason, path: c.req.path, requestId }, 'request refused');
      return answer(c, err.reason === 'tooLarge' ? 'tooLarge' : 'badRequest', err.status, err.message);
    }
    if (err instanceof HTTPException) return err.getResponse();
    const db = classifyDbError(err);
    if (db === 'unavailable') {
      log.error({ err, path: c.req.path, requestId }, 'database unavailable');
      return answer(c, 'unavailable', 503);
    }
    if (db === 'badInput') {
      log.warn({ err, path: c.req.path, requestId }, 'database refused a value from the request');
      return answer(c, 'badRequest', 400);
    }
    log.error({ err, path: c.req.path, requestId }, 'unhandled error');
    return answer(c, 'internal', 500);
  };
}
