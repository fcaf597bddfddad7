/** Writes a migrated, empty PGlite data folder as a tar, for tests to start from. */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/platform/db/database.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: make-test-snapshot.ts <file>');
const database = await openDatabase({ url: 'memory://' });
await ensureVocabulary(database.db);
const tar = await database.dumpSnapshot();
await database.close();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, tar);
console.log(`test snapshot: ${out} (${(tar.byteLength / 1e6).toFixed(1)} MB)`);
