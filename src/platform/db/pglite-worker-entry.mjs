// The worker starts without the main thread's `--import tsx` (see pglite-client.ts): Node 24
// strips the types of pglite-worker.ts itself, which saves the worker a second TypeScript
// compiler (about 80 MB resident and a second of start-up). Older Node registers tsx here.
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./pglite-worker.ts');
