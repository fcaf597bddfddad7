/** Reading the person's forms at /my. Pure. */
import { CONTACT_METHODS, CONTACT_WAYS, MAX_FEEDBACK_LENGTH, type ContactChoice, type FeedbackInput } from './person-view.service.ts';

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** Feedback needs a rating (1–5) or some words; null when there is neither. */
export function parseFeedback(body: Body): FeedbackInput | null {
  const n = Number.parseInt(str(body.rating), 10);
  const rating = Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
  const comment = str(body.comment).trim().slice(0, MAX_FEEDBACK_LENGTH) || null;
  if (rating === null && comment === null) return null;
  return { rating, comment, anonymous: str(body.anonymous) === 'yes' };
}

const yesNo = (v: string): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);

/**
 * The contact form. A way is only allowed when it is safe: "text" needs
 * "safe to text" to be yes, and "call" needs "safe to call" to be yes (what
 * is unsafe or unsure is never consented to, whatever was ticked).
 */
export function parseContactChoice(body: Body): ContactChoice {
  const m = str(body.method);
  const method = (CONTACT_METHODS as readonly string[]).includes(m) ? (m as ContactChoice['method']) : null;
  const safeToCall = yesNo(str(body.safeToCall));
  const safeToText = yesNo(str(body.safeToText));
  const safeToLeaveMessage = yesNo(str(body.safeToLeaveMessage));
  const ticked = ([] as unknown[]).concat(body.ways ?? []).filter((w): w is string => typeof w === 'string');
  const ways = CONTACT_WAYS.filter((w) => ticked.includes(w)).filter((w) =>
    w === 'call' ? safeToCall === true : w === 'text' ? safeToText === true : true,
  );
  return { method, safeToCall, safeToText, safeToLeaveMessage, ways };
}
