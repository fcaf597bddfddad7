// Ctrl-C stops the server promptly: it stops listening, stops the job
// workers, closes the embedded database and releases its lock, and exits 0.
// (Stopping mid-job is tested in src/platform/jobs/jobs.int.test.ts.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('stopping the server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-stop-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // SIGTERM goes through the same handler; one start (an embedded database from scratch) is enough.
  for (const signal of ['SIGINT'] as const)
    it(`stops the jobs, closes the database and exits cleanly on ${signal}`, async () => {
      const data = path.join(dir, signal);
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: data, DEMO_DATA: 'off', PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines: string[] = [];
      const listening = new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout!.on('data', (d: Buffer) => {
          buf += d.toString();
          for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            lines.push(line);
            const url = (JSON.parse(line) as { msg?: string; url?: string }).msg === 'Belong is listening' ? JSON.parse(line).url : null;
            if (url) resolve(url as string);
          }
        });
        child.on('exit', (code) => reject(new Error(`the server exited before listening (${code})`)));
      });
      const url = await listening;
      assert.ok(fs.existsSync(`${data}.lock`), 'the embedded database is locked while the server runs');
      assert.equal((await fetch(new URL('/health', url))).status, 200);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill(signal);
      assert.equal(await exited, 0);
      const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
      assert.ok(messages.includes('background jobs started'));
      assert.ok(messages.indexOf('stopping') > messages.indexOf('Belong is listening'));
      assert.ok(!fs.existsSync(`${data}.lock`), 'the embedded database’s lock is released');
    });
});
