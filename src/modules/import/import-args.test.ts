import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSourceName, parseImportArgs } from './import-args.ts';

const args = (argv: string[]) => {
  const r = parseImportArgs(argv);
  if (!r.ok) assert.fail(r.help ? 'help' : r.error);
  return r.args;
};
const error = (argv: string[]) => {
  const r = parseImportArgs(argv);
  assert.equal(r.ok, false);
  return !r.ok && !r.help ? r.error : '';
};

describe('import command-line arguments', () => {
  it('reads a CSV import with its mapping, rejects file and dry run', () => {
    const a = args(['csv', 'sheet.csv', '--mapping', 'm.json', '--rejects', 'out.csv', '--dry-run']);
    assert.deepEqual([a.kind, a.location, a.mapping, a.rejects, a.dryRun, a.force], ['csv', 'sheet.csv', 'm.json', 'out.csv', true, false]);
  });
  it('guesses the kind from the file name when it is left out', () => {
    assert.equal(args(['sheet.CSV', '--mapping', 'm.json']).kind, 'csv');
    assert.equal(args(['feed.json']).kind, 'oruk');
    assert.equal(args(['https://example.org/services']).kind, 'oruk');
  });
  it('reads feed options', () => {
    const a = args([
      'oruk1',
      'https://example.org/api/services',
      '--per-page',
      '100',
      '--details',
      'never',
      '--source',
      'old',
      '--no-progress',
    ]);
    assert.deepEqual([a.kind, a.perPage, a.details, a.source, a.progress], ['oruk1', 100, 'never', 'old', false]);
  });
  it('explains usage mistakes', () => {
    assert.match(error([]), /which file or URL/);
    assert.match(error(['csv', 'sheet.csv']), /needs --mapping/);
    assert.match(error(['oruk', 'feed.json', '--per-page', 'lots']), /--per-page must be a whole number/);
    assert.match(error(['oruk', 'feed.json', '--details', 'sometimes']), /--details must be/);
    assert.match(error(['oruk', 'a.json', 'b.json']), /unexpected argument/);
    assert.match(error(['oruk', 'a.json', '--colour']), /Unknown option/);
    assert.deepEqual(parseImportArgs(['--help']), { ok: false, help: true });
  });
  it('takes the kind as --format too, as the README shows it', () => {
    assert.equal(args(['feed.json', '--format', 'oruk1']).kind, 'oruk1');
    assert.equal(args(['sheet.txt', '--format', 'CSV', '--mapping', 'm.json']).kind, 'csv');
    assert.equal(args(['oruk3', 'feed.json', '--format', 'oruk3']).kind, 'oruk3');
    assert.match(error(['feed.json', '--format', 'hsds']), /--format must be one of oruk, oruk3, oruk1, csv \(got "hsds"\)/);
    assert.match(error(['oruk3', 'feed.json', '--format', 'oruk1']), /the kind is given twice/);
    assert.match(error(['sheet.csv', '--format', 'csv']), /needs --mapping/);
  });
  it('retires services a source stopped listing unless told not to', () => {
    assert.equal(args(['feed.json']).retire, true);
    assert.equal(args(['feed.json', '--no-retire']).retire, false);
  });
  it('names a source after the URL or the file when none is given', () => {
    assert.equal(defaultSourceName('https://api.example.org/v3/services/?page=2'), 'api.example.org/v3/services');
    assert.equal(defaultSourceName('/data/exports/council-services.csv'), 'council-services');
  });
});
