import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashAddress, hashToken, isTokenShaped, newToken, redactPath, sameSecret } from './tokens.ts';

describe('secret tokens', () => {
  it('are 256 random bits in base64url, different every time', () => {
    const a = newToken();
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(a, 'base64url').length, 32);
    assert.notEqual(a, newToken());
    assert.equal(isTokenShaped(a), true);
    assert.equal(isTokenShaped(`${a}x`), false);
    assert.equal(isTokenShaped('../../etc/passwd'), false);
    assert.equal(isTokenShaped(undefined), false);
  });

  it('are stored as their SHA-256 in hex, which does not reveal them', () => {
    const t = newToken();
    assert.match(hashToken(t), /^[0-9a-f]{64}$/);
    assert.equal(hashToken(t), hashToken(t));
    assert.notEqual(hashToken(t), hashToken(newToken()));
    // Known vector: SHA-256 of "abc".
    assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares secrets exactly', () => {
    assert.equal(sameSecret('abc', 'abc'), true);
    assert.equal(sameSecret('abc', 'abd'), false);
    assert.equal(sameSecret('abc', 'abcd'), false);
  });

  it('hashes client addresses with the deployment’s key, so another key gives another hash', () => {
    const h = hashAddress('key-one', '203.0.113.7');
    assert.match(h, /^[0-9a-f]{32}$/);
    assert.equal(h, hashAddress('key-one', '203.0.113.7'));
    assert.notEqual(h, hashAddress('key-two', '203.0.113.7'));
    assert.notEqual(h, hashAddress('key-one', '203.0.113.8'));
  });

  it('keeps one-time links out of logs', () => {
    const t = newToken();
    assert.equal(redactPath(`/staff/reset/${t}`), '/staff/reset/…');
    assert.equal(redactPath(`/staff/invitation/${t}`), '/staff/invitation/…');
    assert.equal(redactPath(`/group-referral/${t}/accept`), '/group-referral/…/accept');
    assert.equal(redactPath('/staff/organisations/abc'), '/staff/organisations/abc');
  });
});
