import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSecret, newTotpSecret, totpCode, totpStep, totpUri, verifyTotp } from './totp.ts';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const at = new Date('2026-03-02T09:00:10Z');
const step = totpStep(at);
const shift = (steps: number) => new Date(at.getTime() + steps * 30_000);

describe('two-step codes (TOTP)', () => {
  it('matches RFC 6238’s SHA-1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits → 287082.
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    assert.equal(totpCode(rfcSecret, new Date(59_000)), '287082');
  });

  it('accepts the current code and the ones either side, and nothing further', () => {
    assert.equal(verifyTotp(secret, totpCode(secret, at), at, null), step);
    assert.equal(verifyTotp(secret, totpCode(secret, shift(-1)), at, null), step - 1);
    assert.equal(verifyTotp(secret, totpCode(secret, shift(1)), at, null), step + 1);
    assert.equal(verifyTotp(secret, totpCode(secret, shift(-2)), at, null), null);
    assert.equal(verifyTotp(secret, totpCode(secret, shift(2)), at, null), null);
  });

  it('refuses a code already used, or older than the last one used', () => {
    const code = totpCode(secret, at);
    assert.equal(verifyTotp(secret, code, at, step), null, 'same step again');
    assert.equal(verifyTotp(secret, totpCode(secret, shift(-1)), at, step), null, 'older step');
    assert.equal(verifyTotp(secret, totpCode(secret, shift(1)), at, step), step + 1, 'a newer one is fine');
  });

  it('ignores spaces and dashes, and refuses anything but six digits', () => {
    const code = totpCode(secret, at);
    assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at, null), step);
    assert.equal(verifyTotp(secret, `${code.slice(0, 3)}-${code.slice(3)}`, at, null), step);
    assert.equal(verifyTotp(secret, code.slice(0, 5), at, null), null);
    assert.equal(verifyTotp(secret, 'abcdef', at, null), null);
  });

  it('makes 160-bit secrets and an otpauth address apps understand', () => {
    const s = newTotpSecret();
    assert.match(s, /^[A-Z2-7]{32}$/);
    assert.notEqual(s, newTotpSecret());
    const uri = totpUri(s, 'aisha@example.org');
    assert.match(uri, /^otpauth:\/\/totp\/Belong:aisha%40example\.org\?/);
    assert.match(uri, new RegExp(`secret=${s}`));
    assert.match(uri, /period=30/);
    assert.equal(formatSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
  });
});
