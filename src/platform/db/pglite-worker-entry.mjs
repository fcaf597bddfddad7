// Worker threads do not inherit tsx's loader hooks on Node 20, so the worker
// registers tsx itself before loading the TypeScript implementation.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
