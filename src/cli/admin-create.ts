/**
 * npm run admin:create -- --email you@example.org --name "Your Name" [--organisation "Our team"]
 *
 * Creates an administrator (and the deployment's own organisation, named by
 * --organisation, the first time) and prints a one-time link, valid for 24
 * hours, where they choose their password. For an existing administrator it
 * prints a fresh link instead (and lifts any lockout): the way back in.
 *
 * It opens the database, so with the embedded database stop the server first
 * (the command says so if the server is running); start the server again and
 * open the link.
 */
import { parseArgs } from 'node:util';
import { isPostgresUrl, loadConfig } from '../config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { DataDirLockedError } from '../platform/db/data-dir-lock.ts';
import { BootstrapError, createAdministrator } from '../modules/accounts/bootstrap.ts';

const usage = 'Usage: npm run admin:create -- --email you@example.org --name "Your Name" [--organisation "Our team"]';

let args;
try {
  args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' } } }).values;
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
if (!args.email || !args.name) {
  console.error(usage);
  process.exit(2);
}

const config = loadConfig();
let database;
try {
  database = await openDatabase({ url: config.DATABASE_URL, purpose: 'admin:create', prepare: config.DATABASE_PREPARE === 'on' });
} catch (e) {
  if (e instanceof DataDirLockedError) {
    console.error(
      'Belong is running and holds the embedded database. Stop it (Ctrl-C), run this command again, then start Belong and open the link it prints.',
    );
  } else {
    console.error((e as Error).message);
  }
  process.exit(1);
}
try {
  const r = await createAdministrator(database.db, {
    email: args.email,
    name: args.name,
    ...(args.organisation ? { organisationName: args.organisation } : {}),
  });
  const base = (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '');
  console.log(r.created ? `Administrator ${args.email} created.` : `${args.email} is already an administrator: here is a new link.`);
  console.log(`\nOpen this link to choose the password (it works once, until ${r.expiresAt.toISOString()}):\n\n  ${base}${r.path}\n`);
  if (!isPostgresUrl(config.DATABASE_URL)) console.log('Start Belong first (npm start) if it is not running.');
} catch (e) {
  console.error(e instanceof BootstrapError ? e.message : (e as Error).stack);
  process.exitCode = 1;
} finally {
  await database.close();
}
