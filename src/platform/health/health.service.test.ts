import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { checkDataDir } from './health.service.ts';

describe('checking that the embedded database’s folder can be written', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-health-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes, syncs and removes a small file, leaving the folder as it was', async () => {
    await checkDataDir(dir, 0);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('calls the disk full when less is free than PostgreSQL needs to go on writing', async () => {
    await assert.rejects(checkDataDir(dir, Number.MAX_SAFE_INTEGER), /The disk holding the database is full: [\d.]+ MB free/);
  });

  it('fails when the folder cannot be written', async () => {
    const notAFolder = path.join(dir, 'file');
    fs.writeFileSync(notAFolder, '');
    await assert.rejects(checkDataDir(path.join(notAFolder, 'pglite'), 0), { code: 'ENOTDIR' });
  });
});
