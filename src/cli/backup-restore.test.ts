import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../platform/db/database.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const cli = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli', script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    // A process that never exits (say, a database worker left running) must fail the test, not hang the run.
    timeout: 600_000,
  });

describe('backup and restore of the embedded database', () => {
  it('restores exactly what was backed up, and refuses to overwrite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-backup-'));
    const original = path.join(dir, 'pglite');
    const db = await openDatabase({ url: original });
    await db.db
      .insertInto('taxonomy')
      .values({ id: '11111111-1111-4111-8111-111111111111', name: 'Kept', description: 'survives a backup' })
      .execute();
    await db.close();

    const tar = path.join(dir, 'backup.tar');
    const b = cli('backup.ts', [tar], { DATABASE_URL: original });
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /Backed up/);

    const restored = path.join(dir, 'restored');
    const r = cli('restore.ts', [tar], { DATABASE_URL: restored });
    assert.equal(r.status, 0, r.stderr);
    const again = await openDatabase({ url: restored });
    const rows = await again.db.selectFrom('taxonomy').select('name').where('id', '=', '11111111-1111-4111-8111-111111111111').execute();
    await again.close();
    assert.deepEqual(rows, [{ name: 'Kept' }]);

    const refuse = cli('restore.ts', [tar], { DATABASE_URL: restored });
    assert.equal(refuse.status, 1);
    assert.match(refuse.stderr, /already holds a database/);
  });

  it('will not back up while another process holds the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-backup-'));
    const url = path.join(dir, 'pglite');
    const held = await openDatabase({ url, purpose: 'server' });
    try {
      const b = cli('backup.ts', [path.join(dir, 'x.tar')], { DATABASE_URL: url });
      assert.equal(b.status, 1);
      assert.match(b.stderr, /in use by another Belong process \(pid \d+, server\)/);
    } finally {
      await held.close();
    }
  });
});
