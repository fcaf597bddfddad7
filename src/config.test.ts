import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, isPostgresUrl, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database in ./data/pglite with demo data on first run', () => {
    const c = loadConfig({});
    assert.equal(c.DATABASE_URL, './data/pglite');
    assert.equal(c.PORT, 3000);
    assert.equal(c.DEMO_DATA, 'auto');
  });

  it('names every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DEMO_DATA: 'maybe' }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /PORT/);
        assert.match(e.message, /DEMO_DATA/);
        return true;
      },
    );
  });

  it('tells a PostgreSQL URL from a data folder', () => {
    assert.equal(isPostgresUrl('postgres://u@h/db'), true);
    assert.equal(isPostgresUrl('postgresql://u@h/db'), true);
    assert.equal(isPostgresUrl('./data/pglite'), false);
    assert.equal(isPostgresUrl('memory://'), false);
  });
});
