import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidV5 } from '../../platform/ids.ts';
import { addId, backTo, MAX_SHORTLIST, mergeIds, parseIds, readFlash, removeId, serializeIds } from './shortlist.ts';

const id = (n: number) => uuidV5(`shortlist-test:${n}`);

describe('the list of saved services', () => {
  it('reads ids in order, once each, ignoring anything that is not an id', () => {
    const text = `${id(1)}.${id(2).toUpperCase()},nonsense.${id(1)} ${id(3)}`;
    assert.deepEqual(parseIds(text), [id(1), id(2), id(3)]);
    assert.deepEqual(parseIds(''), []);
    assert.deepEqual(parseIds(undefined), []);
    assert.deepEqual(parseIds('<script>'), []);
  });

  it('writes a list it can read back', () => {
    const ids = [id(1), id(2)];
    assert.deepEqual(parseIds(serializeIds(ids)), ids);
  });

  it('never holds more than the limit, even from a long cookie or link', () => {
    const many = Array.from({ length: 30 }, (_, i) => id(i));
    assert.equal(parseIds(serializeIds(many)).length, MAX_SHORTLIST);
  });

  it('adds at the end, leaves the list alone when the service is already there, and refuses when full', () => {
    assert.deepEqual(addId([id(1)], id(2)), { ok: true, ids: [id(1), id(2)] });
    assert.deepEqual(addId([id(1)], id(1)), { ok: true, ids: [id(1)] });
    const full = Array.from({ length: MAX_SHORTLIST }, (_, i) => id(i));
    assert.deepEqual(addId(full, id(99)), { ok: false, reason: 'full' });
  });

  it('removes one service', () => {
    assert.deepEqual(removeId([id(1), id(2)], id(1).toUpperCase()), [id(2)]);
    assert.deepEqual(removeId([id(1)], id(5)), [id(1)]);
  });

  it('adds a shared list to one’s own, keeping one’s own first and counting what did not fit', () => {
    assert.deepEqual(mergeIds([id(1), id(2)], [id(2), id(3)]), { ids: [id(1), id(2), id(3)], skipped: 0 });
    const own = Array.from({ length: MAX_SHORTLIST - 1 }, (_, i) => id(i));
    const r = mergeIds(own, [id(100), id(101), id(102)]);
    assert.equal(r.ids.length, MAX_SHORTLIST);
    assert.equal(r.skipped, 2);
  });
});

describe('going back after a change', () => {
  it('goes back to the page the person came from, with a one-time message', () => {
    assert.equal(backTo(`/services/${id(1)}`, 'added'), `/services/${id(1)}?done=added`);
    assert.equal(backTo('/find?where=BD8&done=removed', 'added'), '/find?where=BD8&done=added');
  });

  it('never sends the person to another site', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', null, '/\nfoo']) {
      assert.equal(backTo(bad, 'removed'), '/shortlist?done=removed', String(bad));
    }
  });

  it('only shows messages it knows', () => {
    assert.equal(readFlash('added'), 'added');
    assert.equal(readFlash('<b>hi</b>'), null);
    assert.equal(readFlash(undefined), null);
  });
});
