#!/usr/bin/env node
/**
 * Adds (or replaces) messages in the catalogues, keeping each file's key
 * order and formatting. Several people can add messages at once without
 * editing the same lines by hand.
 *
 *   node scripts/add-messages.mjs <additions.json>
 *
 * additions.json: { "person": { "en": { "key": "text", … }, "ar": { … }, … },
 *                   "staff":  { "en": { … } } }
 * "person" writes locales/<code>.json, "staff" writes locales/staff/<code>.json.
 * Existing keys are overwritten in place; new keys go at the end.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/add-messages.mjs <additions.json>');
  process.exit(2);
}
const additions = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const [kind, byLocale] of Object.entries(additions)) {
  const dir = kind === 'staff' ? path.join(root, 'locales', 'staff') : kind === 'person' ? path.join(root, 'locales') : null;
  if (!dir) throw new Error(`unknown catalogue kind "${kind}" (use "person" or "staff")`);
  for (const [code, messages] of Object.entries(byLocale)) {
    const target = path.join(dir, `${code}.json`);
    const current = fs.existsSync(target) ? JSON.parse(fs.readFileSync(target, 'utf8')) : {};
    Object.assign(current, messages);
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(current, null, 2)}\n`);
    fs.renameSync(tmp, target);
    console.log(`${path.relative(root, target)}: ${Object.keys(messages).length} message(s)`);
  }
}
