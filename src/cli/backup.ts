/**
 * npm run backup -- <file.tar>
 *
 * Writes a consistent copy of the embedded database (a tar of its data
 * folder). It takes the data-folder lock, so stop the server first; for a
 * PostgreSQL server use pg_dump instead.
 */
import fs from 'node:fs';
import { isPostgresUrl, loadConfig } from '../config.ts';
import { openDatabase } from '../platform/db/database.ts';

const out = process.argv[2];
const config = loadConfig();
if (!out) {
  console.error('Usage: npm run backup -- <file.tar>');
  process.exit(2);
}
if (isPostgresUrl(config.DATABASE_URL)) {
  console.error('DATABASE_URL points at a PostgreSQL server: back it up with pg_dump.');
  process.exit(2);
}
try {
  const database = await openDatabase({ url: config.DATABASE_URL, purpose: 'backup', migrate: false });
  const tar = await database.dumpSnapshot();
  await database.close();
  fs.writeFileSync(out, tar);
  console.log(`Backed up ${config.DATABASE_URL} to ${out} (${(tar.byteLength / 1e6).toFixed(1)} MB).`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
