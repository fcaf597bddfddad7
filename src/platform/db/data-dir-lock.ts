/**
 * One process per PGlite data folder.
 *
 * Two processes that open the same PGlite folder both succeed and one
 * silently loses its writes, so every process that opens the folder (server,
 * importer, seeding) first takes `<folder>.lock`, created with O_EXCL. A lock
 * left by a process that no longer exists (after kill -9) is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    public lockPath: string,
    public holderPid: number,
    public purpose: string,
  ) {
    super(
      `The embedded database folder is in use by another Belong process (pid ${holderPid}, ${purpose}). ` +
        `Stop that process first, or point DATABASE_URL at a PostgreSQL server to share data between processes. Lock file: ${lockPath}`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  path: string;
  release(): void;
}

export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  const abs = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const lockPath = `${abs}.lock`;
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), purpose, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, body);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
          if (held.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
        process.off('exit', release);
      };
      process.on('exit', release);
      return { path: lockPath, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
      } catch {
        /* half-written or unreadable: treat as stale */
      }
      if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(lockPath, holder.pid, holder.purpose ?? 'unknown');
      }
      if (holder.pid === process.pid) throw new DataDirLockedError(lockPath, process.pid, 'this process already');
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
