/** How staff e-mail addresses are compared and checked. */

/** E-mail addresses are compared trimmed and lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** A plausible e-mail address: something@something.something, no spaces, at most 254 characters. */
export const isEmailShaped = (email: string): boolean => email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
