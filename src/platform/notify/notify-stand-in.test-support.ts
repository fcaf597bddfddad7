/**
 * A local stand-in for GOV.UK Notify's API, for tests: it checks the signed
 * token the way Notify does, records every request, and can be told to refuse
 * the next requests (e.g. 500 twice, then accept) to test retries.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const STAND_IN = {
  service: '26785a09-ab16-4eb0-8407-a37497a57506',
  secret: '3d844edf-8d35-48ac-975b-e847b4f122b0',
  emailTemplate: '11111111-1111-4111-8111-111111111111',
  smsTemplate: '22222222-2222-4222-8222-222222222222',
} as const;
export const STAND_IN_KEY = `belong_test-${STAND_IN.service}-${STAND_IN.secret}`;

export interface Received {
  path: string;
  body: Record<string, unknown>;
  jwt: { iss: string; iat: number } | null;
  /** The status the stand-in answered. */
  status: number;
}

/** Checks an HS256 token the way Notify does: signature with the secret, issuer the service id, issued within 30 s. */
function verify(auth: string | undefined): { iss: string; iat: number } | null {
  const token = auth?.replace(/^Bearer /, '') ?? '';
  const [h, p, sig] = token.split('.');
  if (!h || !p || !sig) return null;
  const expected = crypto.createHmac('sha256', STAND_IN.secret).update(`${h}.${p}`).digest('base64url');
  if (expected !== sig) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss: string; iat: number };
  return claims.iss === STAND_IN.service && Math.abs(Date.now() / 1000 - claims.iat) < 30 ? claims : null;
}

export interface NotifyStandIn {
  url: string;
  received: Received[];
  /** Refuse the next `count` requests with `status` (500: a fault to retry; 400: a refusal). */
  failNext(count: number, status?: number): void;
  /** Requests it accepted, by reference (the outbox id). */
  accepted(): Map<string, number>;
  close(): Promise<void>;
}

export async function startNotifyStandIn(): Promise<NotifyStandIn> {
  const received: Received[] = [];
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const jwt = verify(req.headers.authorization);
      const body = JSON.parse(data || '{}') as Record<string, unknown>;
      const answer = (status: number, json: unknown) => {
        received.push({ path: req.url ?? '', body, jwt, status });
        res.setHeader('content-type', 'application/json');
        res.writeHead(status).end(JSON.stringify(json));
      };
      if (!jwt) return answer(403, { errors: [{ error: 'AuthError', message: 'Invalid token' }], status_code: 403 });
      if (failures.left > 0) {
        failures.left--;
        return failures.status === 400
          ? answer(400, { errors: [{ error: 'BadRequestError', message: 'Missing personalisation' }], status_code: 400 })
          : answer(failures.status, { errors: [{ error: 'Exception', message: 'Internal server error' }], status_code: failures.status });
      }
      answer(201, {
        id: crypto.randomUUID(),
        content: { body: 'x', subject: 'y', from_email: 'z' },
        uri: 'u',
        template: { id: 't', version: 1, uri: 'u' },
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    failNext: (count, status = 500) => (failures = { left: count, status }),
    accepted: () => {
      const out = new Map<string, number>();
      for (const r of received) if (r.status === 201) out.set(String(r.body.reference), (out.get(String(r.body.reference)) ?? 0) + 1);
      return out;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
