import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.ts';
import { formCookieName, sessionCookieName, sessionSettings, sessionState, shouldTouch } from './session.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const settings = sessionSettings(loadConfig({}));

describe('staff session expiry', () => {
  it('defaults to 30 minutes idle and 12 hours at most, and reads both from the configuration', () => {
    assert.equal(settings.idleMs, 30 * 60_000);
    assert.equal(settings.absoluteMs, 12 * 60 * 60_000);
    const custom = sessionSettings(loadConfig({ SESSION_IDLE_MINUTES: '10', SESSION_MAX_HOURS: '2' }));
    assert.equal(custom.idleMs, 10 * 60_000);
    assert.equal(custom.absoluteMs, 2 * 60 * 60_000);
  });

  it('ends a session after 30 minutes without a request', () => {
    const s = { lastSeenAt: t0, expiresAt: at(12 * 60) };
    assert.equal(sessionState(s, at(29), settings), 'live');
    assert.equal(sessionState(s, at(30), settings), 'idle');
  });

  it('ends a session at its absolute expiry even when it is busy', () => {
    const s = { lastSeenAt: at(12 * 60 - 1), expiresAt: at(12 * 60) };
    assert.equal(sessionState(s, at(12 * 60 - 0.5), settings), 'live');
    assert.equal(sessionState(s, at(12 * 60), settings), 'expired');
  });

  it('writes last-seen at most once a minute', () => {
    assert.equal(shouldTouch(t0, at(0.5), settings), false);
    assert.equal(shouldTouch(t0, at(1), settings), true);
  });

  it('names cookies with the __Host- prefix only when they are Secure', () => {
    assert.equal(sessionCookieName(true), '__Host-belong_session');
    assert.equal(sessionCookieName(false), 'belong_session');
    assert.equal(formCookieName(true), '__Host-belong_form');
  });
});
