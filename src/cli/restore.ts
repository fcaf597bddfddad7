/**
 * npm run restore -- <file.tar>
 *
 * Restores a backup made by `npm run backup` into DATABASE_URL's data folder,
 * which must not exist yet (move the old one aside first), so nothing is
 * overwritten by accident.
 */
import fs from 'node:fs';
import { isPostgresUrl, loadConfig } from '../config.ts';
import { countServices } from '../modules/directory/directory.service.ts';
import { openDatabase } from '../platform/db/database.ts';

const file = process.argv[2];
const config = loadConfig();
if (!file || !fs.existsSync(file)) {
  console.error('Usage: npm run restore -- <file.tar>  (the file must exist)');
  process.exit(2);
}
if (isPostgresUrl(config.DATABASE_URL)) {
  console.error('DATABASE_URL points at a PostgreSQL server: restore it with pg_restore/psql.');
  process.exit(2);
}
if (fs.existsSync(config.DATABASE_URL) && fs.readdirSync(config.DATABASE_URL).length > 0) {
  console.error(`${config.DATABASE_URL} already holds a database. Move it aside first; restore never overwrites.`);
  process.exit(1);
}
try {
  const database = await openDatabase({ url: config.DATABASE_URL, purpose: 'restore', snapshot: new Uint8Array(fs.readFileSync(file)) });
  const services = await countServices(database.db);
  await database.close();
  console.log(`Restored ${file} into ${config.DATABASE_URL} (${services} services).`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
