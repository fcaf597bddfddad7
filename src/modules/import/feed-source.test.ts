import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFormat, readEnvelope } from './feed-source.ts';

describe('recognising feed envelopes and formats', () => {
  it('reads ORUK 3 pages, ORUK 1.0 pages, bare lists and single services', () => {
    assert.deepEqual(readEnvelope({ contents: [{ id: 1 }], total_pages: 4, total_items: 40, last_page: false }), {
      items: [{ id: 1 }],
      totalPages: 4,
      totalItems: 40,
      last: false,
    });
    assert.deepEqual(readEnvelope({ content: [{ id: 1 }], totalPages: 2, totalElements: 3, number: 1, last: false }), {
      items: [{ id: 1 }],
      totalPages: 2,
      totalItems: 3,
      last: false,
    });
    assert.equal(readEnvelope([{ id: 1 }, { id: 2 }]).items.length, 2);
    assert.deepEqual(readEnvelope({ id: 'x', name: 'One' }).items, [{ id: 'x', name: 'One' }]);
    assert.throws(() => readEnvelope('text'), /neither a list of services nor a service/);
  });
  it('tells the old 1.0 format from ORUK 3 by its fields', () => {
    assert.equal(detectFormat({ id: 1, regular_schedules: [] }), 'oruk1');
    assert.equal(detectFormat({ id: 1, service_at_locations: [{ location: { physical_addresses: [] } }] }), 'oruk1');
    assert.equal(detectFormat({ id: 1, schedules: [], service_at_locations: [{ location: { addresses: [] } }] }), 'oruk3');
  });
});
