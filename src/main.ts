/**
 * `npm start` (through src/start.mjs, which lets Node run the TypeScript):
 * begins opening the database at once, then loads the server.
 *
 * On the embedded database a first start spends seconds creating it (in a
 * worker thread); meanwhile the main thread loads and compiles the server's
 * few hundred modules (src/server.ts), instead of doing one after the other.
 * `node --import tsx src/main.ts` works too (more slowly: tsx on the main
 * thread), and `node --import tsx src/server.ts`, without the overlap.
 */
import { loadConfig } from './config.ts';
import { startOpeningEarly } from './platform/db/database.ts';

startOpeningEarly({ url: loadConfig().DATABASE_URL, purpose: 'server' });
await import('./server.ts');
