// Types for typescript-hooks.mjs (plain JavaScript: it runs before Node can load any TypeScript).
export function needsTransform(source: string): boolean;
export function cacheDirectory(env?: Record<string, string | undefined>): string | null;
export function transform(source: string, file: string): string;
export function registerTypeScriptHooks(cache: string | null): void;
