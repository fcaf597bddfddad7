/** Response headers every answer carries, and the client's request id as it may be logged. */
import type { secureHeaders } from 'hono/secure-headers';

type PermissionsPolicyOptions = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>['permissionsPolicy']>;

/**
 * Permissions-Policy: Belong's pages use none of these browser features, so
 * no page (nor anything that might ever get injected into one) may ask for
 * them. `browsingTopics` is the successor of FLoC's `interest-cohort`, which
 * browsers no longer recognise (naming it only logs a warning).
 */
export const PERMISSIONS_POLICY: PermissionsPolicyOptions = {
  accelerometer: [],
  ambientLightSensor: [],
  attributionReporting: [],
  autoplay: [],
  bluetooth: [],
  browsingTopics: [],
  camera: [],
  displayCapture: [],
  encryptedMedia: [],
  fullscreen: [],
  geolocation: [],
  gyroscope: [],
  hid: [],
  idleDetection: [],
  joinAdInterestGroup: [],
  magnetometer: [],
  microphone: [],
  midi: [],
  payment: [],
  publickeyCredentialsGet: [],
  runAdAuction: [],
  screenWakeLock: [],
  serial: [],
  syncXhr: [],
  usb: [],
  xrSpatialTracking: [],
};

/**
 * The X-Request-Id a client sent, fit for a log line: at most 64 of the
 * characters ids are made of, or undefined. It is never used as our id.
 */
export function clientRequestId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const clean = value.replace(/[^\w\-.:=+/]/g, '').slice(0, 64);
  return clean || undefined;
}
