import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dummyHash, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.ts';

describe('password rules', () => {
  it('asks for at least 12 characters, counting letters rather than bytes', () => {
    assert.equal(passwordProblem(''), 'missing');
    assert.equal(passwordProblem('short pass'), 'tooShort');
    assert.equal(passwordProblem('eleven char'), 'tooShort');
    assert.equal(passwordProblem('twelve chars'), null);
    assert.equal(passwordProblem('ذهبت إلى الس'), null, '12 Arabic letters and spaces');
    assert.equal(passwordProblem('😀😀😀😀😀😀'), 'tooShort', 'six emoji are six characters, not 24 bytes');
  });

  it('refuses well-known passwords whatever their case or spacing', () => {
    assert.equal(passwordProblem('Password1234'), 'common');
    assert.equal(passwordProblem('correct horse battery staple'), 'common');
    assert.equal(passwordProblem('QWERTY123456'), 'common');
  });

  it('refuses one character over and over, very long ones, and the e-mail address inside', () => {
    assert.equal(passwordProblem('zzzzzzzzzzzzzzzz'), 'repetitive');
    assert.equal(passwordProblem('abababababababab'), 'repetitive');
    assert.equal(passwordProblem('x'.repeat(100) + 'y'.repeat(101) + 'z'), 'tooLong');
    assert.equal(passwordProblem('my name is aisha.patel ok', { email: 'Aisha.Patel@example.org' }), 'containsEmail');
    assert.equal(passwordProblem('green kettle on a hill', { email: 'aisha.patel@example.org' }), null);
  });
});

describe('password hashing (argon2id)', () => {
  it('verifies the right password, refuses a wrong one, and salts every hash', async () => {
    const h = await hashPassword('green kettle on a hill');
    // The cost is in the parameters (19 MiB, 2 passes: OWASP's minimum for argon2id), not in a measured time.
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(h, 'green kettle on a hill'), true);
    assert.equal(await verifyPassword(h, 'green kettle on a hil'), false);
    assert.notEqual(await hashPassword('green kettle on a hill'), h);
  });

  it('treats a malformed hash as not matching rather than failing', async () => {
    assert.equal(await verifyPassword('not a hash', 'anything at all'), false);
  });

  it('asks for a re-hash only when the parameters are not today’s', async () => {
    assert.equal(needsRehash(await hashPassword('green kettle on a hill')), false);
    assert.equal(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'), true);
    assert.equal(needsRehash('$2b$10$abcdefghijklmnopqrstuv'), true);
  });

  it('keeps one dummy hash for unknown accounts, which nothing matches', async () => {
    const d = await dummyHash();
    assert.equal(d, await dummyHash());
    assert.equal(await verifyPassword(d, ''), false);
    assert.equal(await verifyPassword(d, 'green kettle on a hill'), false);
  });
});
