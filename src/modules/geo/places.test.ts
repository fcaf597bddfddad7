import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { editDistance, foldPlaceName, matchPlaceName, usePlaceNames } from './places.ts';

describe('place names', () => {
  after(() => usePlaceNames());

  it('finds the shipped towns and districts by name and other names, ignoring case and accents', () => {
    usePlaceNames();
    assert.equal(matchPlaceName('Bradford')?.place.kind, 'town');
    assert.equal(matchPlaceName('  bradford ')?.edits, 0);
    assert.equal(matchPlaceName('Bradford city centre')?.place.name, 'Bradford');
    assert.equal(matchPlaceName('KEIGHLEY')?.place.name, 'Keighley');
    assert.equal(matchPlaceName('Saltaire')?.place.name, 'Shipley');
  });

  it('takes a misspelling to the nearest name, a few letter edits away at most', () => {
    assert.deepEqual(
      [matchPlaceName('Manningam'), matchPlaceName('Bradferd'), matchPlaceName('Kieghley')].map((m) => [m?.place.name, m?.edits]),
      [
        ['Manningham', 1],
        ['Bradford', 1],
        ['Keighley', 1],
      ],
    );
    assert.equal(matchPlaceName('Birmingham'), null);
    assert.equal(matchPlaceName('xyz'), null);
    assert.equal(matchPlaceName(''), null);
  });

  it('counts edits with swaps of neighbouring letters as one', () => {
    assert.equal(editDistance('yuoth', 'youth'), 1);
    assert.equal(editDistance('quran', 'quiz'), 3);
    assert.equal(foldPlaceName("St. Mary's  Hill"), 'st marys hill');
  });

  it('reads a deployment’s own list, skipping rows that are not usable places', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'places-'));
    const file = path.join(dir, 'places.csv');
    fs.writeFileSync(
      file,
      'name,kind,latitude,longitude,also_known_as\nNewtown,town,52.5,-3.3,Y Drenewydd\nNowhere,town,0,0,\nBad,planet,52,-3,\n',
    );
    usePlaceNames(file);
    assert.equal(matchPlaceName('Y Drenewydd')?.place.name, 'Newtown');
    assert.equal(matchPlaceName('Nowhere'), null);
    assert.equal(matchPlaceName('Bad'), null);
    assert.equal(matchPlaceName('Bradford'), null);
  });
});
