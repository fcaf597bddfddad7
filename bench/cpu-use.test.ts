import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuSnapshot, cpuUse, type CpuSnapshot } from './cpu-use.ts';

describe('CPU use of a benchmark run', () => {
  it('reads this process, the PostgreSQL server and the machine from /proc, counting up', () => {
    const before = cpuSnapshot([process.pid]);
    assert.ok(before, 'this machine has /proc');
    // Some work of our own, so our CPU time moves on by at least one tick.
    const until = performance.now() + 60;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    const after = cpuSnapshot([process.pid])!;
    assert.ok(x > 0);
    assert.ok(after.processes[0]! > before.processes[0]!, 'our own CPU time grew');
    for (const [pid, ms] of after.postgres) assert.ok(ms >= (before.postgres.get(pid) ?? 0));
    assert.ok(after.machineBusy > before.machineBusy && after.machineTotal > before.machineTotal);
    assert.ok(after.machineBusy <= after.machineTotal);
  });

  it('gives milliseconds per request and the busy share of the machine', () => {
    const at = (app: number[], postgres: [number, number][], busy: number, total: number): CpuSnapshot => ({
      processes: app,
      postgres: new Map(postgres),
      machineBusy: busy,
      machineTotal: total,
    });
    // Server processes 1 and 2 ran on; 3 ended (its time is lost); 4 started.
    const before = at(
      [1000, 500],
      [
        [1, 2000],
        [2, 100],
        [3, 5000],
      ],
      10_000,
      40_000,
    );
    const after = at(
      [1400, 700],
      [
        [1, 2700],
        [2, 200],
        [4, 100],
      ],
      11_700,
      42_000,
    );
    assert.deepEqual(cpuUse(before, after, 100), { appPerRequest: 6, postgresPerRequest: 9, machineBusy: 0.85 });
    assert.equal(cpuUse(null, after, 10), null, 'no /proc: no figures');
    assert.equal(cpuUse(before, after, 0), null, 'no requests: no figures');
  });
});
