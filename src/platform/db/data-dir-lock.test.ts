import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'belong-lock-'));

describe('data folder lock', () => {
  it('lets one holder in and tells a second who holds it', () => {
    const dir = path.join(tmp(), 'pglite');
    const lock = lockDataDir(dir, 'server');
    assert.throws(
      () => lockDataDir(dir, 'import'),
      (e: unknown) => e instanceof DataDirLockedError && /this process/.test(e.message),
    );
    lock.release();
    const again = lockDataDir(dir, 'import');
    again.release();
    assert.equal(fs.existsSync(`${dir}.lock`), false);
  });

  it('refuses a second process while the first is alive', async () => {
    const dir = path.join(tmp(), 'pglite');
    const lock = lockDataDir(dir, 'server');
    try {
      const child = spawn(process.execPath, [
        '--import',
        'tsx',
        '-e',
        `
        import('${new URL('./data-dir-lock.ts', import.meta.url).pathname}').then(({ lockDataDir }) => {
          try { lockDataDir(${JSON.stringify(dir)}, 'import'); process.exit(0); }
          catch (e) { console.error(e.message); process.exit(3); }
        });`,
      ]);
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      assert.equal(code, 3);
      assert.match(stderr, new RegExp(`pid ${process.pid}, server`));
    } finally {
      lock.release();
    }
  });

  it('takes over a lock left by a process that died', () => {
    const dir = path.join(tmp(), 'pglite');
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, purpose: 'server' }));
    const lock = lockDataDir(dir, 'server');
    assert.equal(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8')).pid, process.pid);
    lock.release();
  });
});
