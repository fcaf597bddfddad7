import { DEFAULT_DELIVERY, type DeliveryPolicy } from '../../src/platform/notify/delivery.ts';

/** Retries after 1 s, then 2 s: a test sees several tries without waiting minutes. */
export const FAST_RETRIES: DeliveryPolicy = { ...DEFAULT_DELIVERY, firstRetrySeconds: 1, maxRetrySeconds: 2, maxAttempts: 6 };
