import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUnfairTreatment } from './unfair-treatment.ts';

describe('unfair treatment per service', () => {
  it('shows counts of 5 or more and hides smaller ones so they cannot be worked out', () => {
    const r = buildUnfairTreatment([
      { serviceId: 'b', serviceName: 'Bowls', status: 'new', reports: 7 },
      { serviceId: 'b', serviceName: 'Bowls', status: 'closed', reports: 6 },
      { serviceId: 'a', serviceName: 'Art', status: 'new', reports: 5 },
      { serviceId: 'a', serviceName: 'Art', status: 'looking', reports: 5 },
      { serviceId: 'c', serviceName: 'Chess', status: 'new', reports: 2 },
      { serviceId: 'c', serviceName: 'Chess', status: 'looking', reports: 6 },
      { serviceId: null, serviceName: null, status: 'new', reports: 9 },
    ]);
    assert.deepEqual(
      r.rows.map((x) => x.serviceName ?? '(not matched)'),
      ['Art', 'Bowls', 'Chess', '(not matched)'],
    );
    assert.deepEqual(r.rows[1]!.counts, [7, 0, 6], 'Bowls: nothing small in its row or columns');
    assert.equal(r.rows[1]!.total, 13);
    const chess = r.rows[2]!;
    assert.equal(chess.counts[0], null, 'a count of 2 is hidden');
    assert.equal(chess.counts.filter((c) => c === null).length + (chess.total === null ? 1 : 0) >= 2, true, 'and one more in its row');
    for (const row of r.rows) for (const c of [...row.counts, row.total]) assert.ok(c === null || c === 0 || c >= 5);
  });

  it('has nothing to show for a period without reports', () => {
    assert.deepEqual(buildUnfairTreatment([]), { rows: [], columnTotals: [0, 0, 0], total: 0 });
  });
});
