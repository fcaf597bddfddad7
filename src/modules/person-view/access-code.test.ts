import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  accessExpiry,
  accessRefusal,
  afterWrongPin,
  CODE_ALPHABET,
  codeHash,
  groupCode,
  MAX_WRONG_PINS,
  newAccessCode,
  newPin,
  normaliseCode,
  normalisePin,
  sessionLive,
} from './access-code.ts';

describe('person access codes and PINs', () => {
  it('makes 10-character codes from the unambiguous alphabet, and 6-digit PINs', () => {
    for (let i = 0; i < 200; i++) {
      const code = newAccessCode();
      assert.match(code, new RegExp(`^[${CODE_ALPHABET}]{10}$`));
      assert.match(newPin(), /^\d{6}$/);
    }
    for (const ch of '0O1IL5S2ZUV') assert.equal(CODE_ALPHABET.includes(ch), false, ch);
  });

  it('reads back any printed code however it is typed (case, spaces, dashes)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: CODE_ALPHABET.length - 1 }), { minLength: 10, maxLength: 10 }), (picks) => {
        let i = 0;
        const code = newAccessCode(() => picks[i++]!);
        assert.equal(normaliseCode(groupCode(code)), code);
        assert.equal(normaliseCode(` ${groupCode(code).toLowerCase().replace('-', ' - ')} `), code);
      }),
    );
  });

  it('refuses what cannot be a code or a PIN', () => {
    assert.equal(normaliseCode('K7RX3-MH9Q'), null); // too short
    assert.equal(normaliseCode('K7RX3-MH9Q0'), null); // 0 is not in the alphabet
    assert.equal(normaliseCode(''), null);
    assert.equal(normalisePin('12345'), null);
    assert.equal(normalisePin('12a456'), null);
    assert.equal(normalisePin('1234567'), null);
  });

  it('reads PINs typed with Arabic-Indic or Persian digits', () => {
    assert.equal(normalisePin('١٢٣٤٥٦'), '123456');
    assert.equal(normalisePin('۹۸۷ ۶۵۴'), '987654');
    assert.equal(normalisePin(' 246 810 '), '246810');
  });

  it('keys the code hash: another deployment key gives another hash', () => {
    assert.equal(codeHash('k1', 'ABCDEFGHJK'), codeHash('k1', 'ABCDEFGHJK'));
    assert.notEqual(codeHash('k1', 'ABCDEFGHJK'), codeHash('k2', 'ABCDEFGHJK'));
    assert.match(codeHash('k1', 'ABCDEFGHJK'), /^[0-9a-f]{64}$/);
  });

  it('locks after MAX_WRONG_PINS wrong PINs, not before', () => {
    let failed = 0;
    for (let i = 1; i < MAX_WRONG_PINS; i++) {
      const r = afterWrongPin(failed);
      assert.equal(r.locked, false);
      failed = r.failed;
    }
    assert.deepEqual(afterWrongPin(failed), { failed: MAX_WRONG_PINS, locked: true });
  });

  it('refuses revoked, locked and expired codes (in that order of saying why)', () => {
    const issued = new Date('2026-03-02T09:00:00Z');
    const expiresAt = accessExpiry(issued);
    assert.equal(expiresAt.toISOString(), '2026-05-31T09:00:00.000Z');
    const live = { expiresAt, revokedAt: null, lockedAt: null };
    assert.equal(accessRefusal(live, issued), null);
    assert.equal(accessRefusal(live, expiresAt), 'expired');
    assert.equal(accessRefusal({ ...live, lockedAt: issued }, issued), 'locked');
    assert.equal(accessRefusal({ ...live, revokedAt: issued, lockedAt: issued }, issued), 'revoked');
  });

  it('ends a session after 20 idle minutes or when signed out', () => {
    const t = new Date('2026-03-02T09:00:00Z');
    assert.equal(sessionLive({ lastSeenAt: t, endedAt: null }, new Date(t.getTime() + 19 * 60_000)), true);
    assert.equal(sessionLive({ lastSeenAt: t, endedAt: null }, new Date(t.getTime() + 20 * 60_000)), false);
    assert.equal(sessionLive({ lastSeenAt: t, endedAt: t }, t), false);
  });
});
