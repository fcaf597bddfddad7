// `npm start`: runs src/main.ts on Node's own TypeScript support, without tsx.
//
// Node 24 strips TypeScript's types itself; what it cannot run is JSX (the
// *.tsx views) and the few TypeScript forms that need more than stripping
// (parameter properties, enums, namespaces). typescript-hooks.mjs turns only
// those files into JavaScript, once per version of each file (kept in
// node_modules/.cache/belong), and Node's compile cache keeps the compiled
// code of every module between starts. Compared with `node --import tsx`
// this loads the server's code in about half the time and memory (see the
// README's bench:startup paragraph). `node --import tsx src/main.ts` still
// works (the tests and the other commands run that way).
import { enableCompileCache } from 'node:module';
import { cacheDirectory, registerTypeScriptHooks } from './platform/start/typescript-hooks.mjs';

const cache = cacheDirectory();
if (cache && !process.env.NODE_DISABLE_COMPILE_CACHE) enableCompileCache(`${cache}/v8`);
registerTypeScriptHooks(cache);
await import('./main.ts');
