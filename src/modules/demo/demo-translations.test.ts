import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { buildDemoArea } from './demo-area.ts';
import { DEMO_TRANSLATIONS, demoTranslationRows } from './demo-translations.ts';

const catalogue =
  fs.readFileSync(new URL('./demo-catalogue.ts', import.meta.url), 'utf8') +
  fs.readFileSync(new URL('./demo-area.ts', import.meta.url), 'utf8');

describe('demo translations', () => {
  it('translates texts the demo really uses, into Arabic, Bengali and Urdu in their own scripts', () => {
    for (const [english, tr] of Object.entries(DEMO_TRANSLATIONS)) {
      assert.ok(catalogue.includes(english), `not a demo text: ${english}`);
      assert.match(tr.ar, /^[\p{Script=Arabic}\p{M}\p{P}\p{Zs}\d]+$/u, `ar: ${english}`);
      assert.match(tr.ur, /^[\p{Script=Arabic}\p{M}\p{P}\p{Zs}\d]+$/u, `ur: ${english}`);
      assert.match(tr.bn, /\p{Script=Bengali}/u, `bn: ${english}`);
    }
  });

  it('covers about twenty services, including women-only ones, and marks every row as machine-made', () => {
    const rows = demoTranslationRows(buildDemoArea(undefined, { today: '2026-03-01' }));
    const services = new Set(rows.map((r) => r.entityId));
    assert.ok(services.size >= 15 && services.size <= 25, `${services.size} services`);
    assert.ok(rows.every((r) => r.source === 'machine'));
    assert.deepEqual([...new Set(rows.map((r) => r.locale))].sort(), ['ar', 'bn', 'ur']);
    assert.ok(rows.some((r) => r.field === 'what_to_expect') && rows.some((r) => r.field === 'how_to_join'));
  });
});
