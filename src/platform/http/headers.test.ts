import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientRequestId } from './headers.ts';

describe('the client’s X-Request-Id, as logged next to ours', () => {
  it('keeps the characters ids are made of, at most 64 of them', () => {
    assert.equal(clientRequestId('abc-123_DEF.4:5=6+7/8'), 'abc-123_DEF.4:5=6+7/8');
    assert.equal(clientRequestId('a'.repeat(300)), 'a'.repeat(64));
  });
  it('drops what could forge a log line or carry a payload', () => {
    assert.equal(clientRequestId('id\n{"level":60}'), 'idlevel:60');
    assert.equal(clientRequestId('<script>'), 'script');
    assert.equal(clientRequestId('\u0000\u202e'), undefined);
    assert.equal(clientRequestId(''), undefined);
    assert.equal(clientRequestId(undefined), undefined);
  });
});
