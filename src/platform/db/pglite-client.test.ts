// The PGlite worker starts without the main thread's TypeScript loader:
// Node strips the worker's types itself, and a second tsx in the worker cost about 80 MB.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workerExecArgv } from './pglite-client.ts';

describe('the PGlite worker’s Node options', () => {
  it('are none when the main thread runs through tsx, however it was given', () => {
    assert.deepEqual(workerExecArgv(['--import', 'tsx', '--max-old-space-size=512']), []);
    assert.deepEqual(workerExecArgv(['--import=tsx', '--enable-source-maps']), []);
    assert.deepEqual(workerExecArgv(['--loader', '/app/node_modules/tsx/dist/loader.mjs']), []);
    assert.deepEqual(workerExecArgv(['--require', 'tsx/cjs']), []);
  });

  it('are inherited as usual otherwise', () => {
    assert.equal(workerExecArgv(['--import', './telemetry.mjs', '--import=./tsxish.mjs']), undefined);
    assert.equal(workerExecArgv([]), undefined);
  });
});
