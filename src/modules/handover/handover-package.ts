/**
 * The hand-over package: what travels between two Belong deployments when a
 * person moves area (docs/handover.md). Pure apart from Node's crypto.
 *
 * The contents (`HandoverContents`, format version 1) hold only what the
 * person agreed to pass on. They are sealed with a passphrase the connector
 * gives the receiving connector separately:
 *
 *   key   = scrypt(passphrase, salt, N=2^15, r=8, p=1) → 32 bytes
 *   check = HMAC-SHA256(key, "belong-handover-check"), first 16 bytes
 *           (tells a wrong passphrase apart from a changed file)
 *   data  = AES-256-GCM(key, iv, contents JSON), the envelope header as
 *           additional data, so changing the header is detected too.
 *
 * Opening checks, in order: is it a Belong package at all, is its version one
 * this deployment reads, is the passphrase right, was it changed, and do the
 * contents have the expected shape. Each has its own error.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const PACKAGE_FORMAT = 'belong-handover' as const;
export const PACKAGE_VERSION = 1;
/** The things a person may agree to pass on, besides the record itself. */
export const HANDOVER_PARTS = ['conversation', 'plan', 'measures', 'referrals'] as const;
export type HandoverPart = (typeof HANDOVER_PARTS)[number];
export const MIN_PASSPHRASE = 12;
/** Largest package file accepted (bytes). */
export const MAX_PACKAGE_BYTES = 2_000_000;

const KDF = { name: 'scrypt' as const, N: 32768, r: 8, p: 1 };
const CHECK_LABEL = 'belong-handover-check';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().datetime({ offset: true });
const text = (max: number) => z.string().max(max);

const personSchema = z.object({
  displayName: text(200).min(1),
  preferredLanguage: text(10).min(2),
  /** Their own language when the pages have none (ISO 639, e.g. "yue"); absent from packages made before it was kept. */
  spokenLanguage: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .nullable()
    .optional(),
  otherLanguages: z.array(text(20)).max(30),
  englishOk: z.boolean(),
  interpreterNeeded: z.boolean(),
  interpreterLanguage: text(100).nullable(),
  contactMethod: z.enum(['phone', 'text', 'email', 'in_person', 'through_connector']).nullable(),
  phone: text(50).nullable(),
  email: text(200).nullable(),
  safeToCall: z.boolean().nullable(),
  safeToText: z.boolean().nullable(),
  safeToLeaveMessage: z.boolean().nullable(),
  area: text(20).nullable(),
  outcode: text(10).nullable(),
  gender: z.enum(['woman', 'man', 'another']).nullable(),
  ageBand: z.enum(['under_16', '16_17', '18_24', '25_49', '50_64', '65_plus']).nullable(),
});

const conversationSchema = z.object({
  answersFormat: z.number().int().positive(),
  answers: z.record(z.string(), z.unknown()),
  language: text(10),
  completedAt: instant.nullable(),
});

const planSchema = z.object({
  chosen: z.array(z.record(z.string(), z.unknown())).max(50),
  /** The connector's notes for staff (never shown to the person). */
  nextSteps: text(4000).nullable(),
  /** The note written to the person, on their plan (packages made before it existed have none). */
  noteForPerson: text(4000).nullable().optional(),
});

const measureSchema = z.object({
  measureId: z.string().regex(/^[a-z][a-z0-9_]*$/),
  measureVersion: text(40),
  occasion: z.enum(['baseline', 'follow_up']),
  occasionDate: isoDate,
  language: text(10),
  translationStatus: z.enum(['official', 'unvalidated']),
  mode: z.enum(['self', 'assisted', 'interpreter_read']),
  explanationShown: z.boolean(),
  declined: z.boolean(),
  answers: z.record(z.string(), z.string()),
  scores: z.array(z.record(z.string(), z.unknown())).max(50),
});

const referralSchema = z.object({
  need: text(2000),
  createdAt: instant,
  attempts: z
    .array(
      z.object({
        serviceName: text(300),
        /** The service's id in the exporting deployment's directory (its Open Referral UK id). */
        orukServiceId: z.string().uuid(),
        state: text(40),
        sentAt: instant.nullable(),
        events: z.array(z.object({ at: instant, type: text(60), from: text(40).nullable(), to: text(40).nullable() })).max(200),
      }),
    )
    .max(50),
});

export const contentsSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  packageId: z.string().uuid(),
  exportedAt: instant,
  fromOrganisation: text(200),
  scope: z.array(z.enum(['record', ...HANDOVER_PARTS])),
  person: personSchema,
  conversation: conversationSchema.nullable(),
  plan: planSchema.nullable(),
  measures: z.array(measureSchema).max(200),
  referrals: z.array(referralSchema).max(100),
});

export type HandoverContents = z.infer<typeof contentsSchema>;
export type PackagePerson = z.infer<typeof personSchema>;

const envelopeSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.number().int(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string(),
  check: z.string(),
  tag: z.string(),
  data: z.string(),
});
type Envelope = z.infer<typeof envelopeSchema>;

export type OpenError = 'not_a_package' | 'unsupported_version' | 'wrong_passphrase' | 'tampered' | 'invalid_contents';

function deriveKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.N * kdf.r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const checkOf = (key: Buffer) => createHmac('sha256', key).update(CHECK_LABEL).digest().subarray(0, 16);
const headerOf = (e: Pick<Envelope, 'format' | 'version' | 'kdf' | 'cipher' | 'iv' | 'check'>) =>
  Buffer.from(JSON.stringify({ format: e.format, version: e.version, kdf: e.kdf, cipher: e.cipher, iv: e.iv, check: e.check }), 'utf8');

/** Seals the contents with the passphrase; returns the package file's text. */
export async function sealPackage(contents: HandoverContents, passphrase: string): Promise<string> {
  const checked = contentsSchema.parse(contents);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kdf = { ...KDF, salt: salt.toString('base64') };
  const key = await deriveKey(passphrase, salt, KDF);
  const head = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    kdf,
    cipher: 'aes-256-gcm' as const,
    iv: iv.toString('base64'),
    check: checkOf(key).toString('base64'),
  };
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerOf(head));
  const data = Buffer.concat([cipher.update(JSON.stringify(checked), 'utf8'), cipher.final()]);
  const envelope: Envelope = { ...head, tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  return `${JSON.stringify(envelope, null, 1)}\n`;
}

/** Opens a package file with the passphrase (see the module comment for the order of checks). */
export async function openPackage(
  fileText: string,
  passphrase: string,
): Promise<{ ok: true; contents: HandoverContents } | { ok: false; error: OpenError; detail?: string }> {
  let raw: unknown;
  try {
    raw = JSON.parse(fileText);
  } catch {
    return { ok: false, error: 'not_a_package' };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== PACKAGE_FORMAT)
    return { ok: false, error: 'not_a_package' };
  const version = (raw as { version?: unknown }).version;
  if (version !== PACKAGE_VERSION) return { ok: false, error: 'unsupported_version', detail: String(version) };
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'not_a_package' };
  const e = parsed.data;
  // Refuse parameters that would make opening a file a way to exhaust the server.
  if (e.kdf.N < 16384 || e.kdf.N > 131072 || (e.kdf.N & (e.kdf.N - 1)) !== 0 || e.kdf.r < 8 || e.kdf.r > 16 || e.kdf.p !== 1)
    return { ok: false, error: 'not_a_package' };
  const salt = Buffer.from(e.kdf.salt, 'base64');
  const iv = Buffer.from(e.iv, 'base64');
  const tag = Buffer.from(e.tag, 'base64');
  const check = Buffer.from(e.check, 'base64');
  if (salt.length < 16 || iv.length !== 12 || tag.length !== 16 || check.length !== 16) return { ok: false, error: 'tampered' };
  const key = await deriveKey(passphrase, salt, e.kdf);
  if (!timingSafeEqual(checkOf(key), check)) return { ok: false, error: 'wrong_passphrase' };
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(headerOf(e));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(Buffer.from(e.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return { ok: false, error: 'tampered' };
  }
  let body: unknown;
  try {
    body = JSON.parse(plain);
  } catch {
    return { ok: false, error: 'invalid_contents' };
  }
  if (typeof body === 'object' && body !== null && (body as { version?: unknown }).version !== PACKAGE_VERSION)
    return { ok: false, error: 'unsupported_version', detail: String((body as { version?: unknown }).version) };
  const contents = contentsSchema.safeParse(body);
  if (!contents.success) return { ok: false, error: 'invalid_contents', detail: contents.error.issues[0]?.path.join('.') };
  return { ok: true, contents: contents.data };
}

export const newPackageId = (): string => randomUUID();

/** The parts a form chose (unknown values are ignored), in a fixed order, with 'record' first. */
export function scopeOf(chosen: readonly string[]): ('record' | HandoverPart)[] {
  return ['record', ...HANDOVER_PARTS.filter((p) => chosen.includes(p))];
}

/** A passphrase worth the name: long enough, and the two copies typed agree. */
export function checkPassphrase(p: string, again: string): 'too_short' | 'mismatch' | null {
  if (p.length < MIN_PASSPHRASE) return 'too_short';
  if (p !== again) return 'mismatch';
  return null;
}
