/**
 * Where a benchmark's CPU went, from Linux's /proc: the app processes, the
 * PostgreSQL server's processes on this machine, and the whole machine (all
 * cores), read before and after a run. /proc counts in clock ticks of 10 ms
 * (USER_HZ, 100 on Linux whatever the kernel's own tick). Elsewhere (no /proc)
 * every figure is null.
 */
import fs from 'node:fs';

const TICK_MS = 10;

export interface CpuSnapshot {
  /** CPU milliseconds of each watched process since it started. */
  processes: number[];
  /** CPU milliseconds of each `postgres` process on this machine, by process id. */
  postgres: Map<number, number>;
  /** Milliseconds every core spent busy, and in all, since boot. */
  machineBusy: number;
  machineTotal: number;
}

/** utime + stime of a process from its /proc/<pid>/stat line (fields 14 and 15; its name, in brackets, may hold spaces). */
function ticksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const processTicks = (pid: number) => ticksOf(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));

function postgresProcesses(): Map<number, number> {
  const ms = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') ms.set(Number(entry), ticksOf(stat) * TICK_MS);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ms;
}

export function cpuSnapshot(pids: number[]): CpuSnapshot | null {
  if (!fs.existsSync('/proc/stat')) return null;
  try {
    const [, ...counts] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = counts.map(Number) as number[];
    return {
      processes: pids.map((pid) => processTicks(pid) * TICK_MS),
      postgres: postgresProcesses(),
      machineBusy: (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * TICK_MS,
      machineTotal: (user! + nice! + system! + idle! + (iowait ?? 0) + irq! + softirq! + (steal ?? 0)) * TICK_MS,
    };
  } catch {
    return null;
  }
}

export interface CpuUse {
  /** CPU milliseconds per request: the watched processes together, and the PostgreSQL server's processes. */
  appPerRequest: number;
  postgresPerRequest: number;
  /** Share of the whole machine (every core) that was busy, 0–1. */
  machineBusy: number;
}

export function cpuUse(before: CpuSnapshot | null, after: CpuSnapshot | null, requests: number): CpuUse | null {
  if (!before || !after || requests <= 0) return null;
  const sum = (s: CpuSnapshot) => s.processes.reduce((a, b) => a + b, 0);
  // Per process, as connections come and go: a process that started meanwhile counts from 0,
  // one that ended meanwhile is lost (its last moments uncounted).
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return {
    appPerRequest: (sum(after) - sum(before)) / requests,
    postgresPerRequest: postgres / requests,
    machineBusy: (after.machineBusy - before.machineBusy) / Math.max(1, after.machineTotal - before.machineTotal),
  };
}
