/**
 * Which code may import which: Belong's layout as rules (npm run depcheck).
 *
 *   src/platform   cross-cutting parts with no domain words; imports no module
 *   src/modules/X  one domain each: pure logic, *.repository.ts (its SQL),
 *                  *.service.ts (use cases), *.routes.tsx (HTTP), views
 *   src/app.ts     the composition root: the only place that wires modules in
 *
 * Tests and test support may reach further (a test may seed another module's
 * tables through its repository), but production code may not.
 */
const TESTS =
  '(\\.test\\.tsx?|\\.test-support\\.tsx?|\\.access-rows\\.ts|\\.arbitraries\\.ts|\\.test-graphs\\.ts)$|/test-fixtures/|^test/|^e2e/|^bench/|^scripts/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order fragile and hide a missing module boundary.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'platform/ holds what every module uses; it must not know about any module.',
      from: { path: '^src/platform/', pathNot: TESTS },
      to: { path: '^src/(modules/|app\\.ts|server\\.ts|cli/)' },
    },
    {
      name: 'only-the-entry-points-import-the-app',
      severity: 'error',
      comment: 'Routes take their dependencies as arguments; a route that imports app.ts is a cycle waiting to happen.',
      from: { pathNot: ['^src/(server|main)\\.ts$', TESTS] },
      to: { path: '^src/(app|server)\\.ts$' },
    },
    {
      name: 'repositories-are-private',
      severity: 'error',
      comment: "A module's repositories are its own: other modules call its service.",
      from: { path: '^src/modules/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/modules/([^/]+)/.+\\.repository\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'routes-import-no-repository',
      severity: 'error',
      comment: 'Routes parse input, call a service and render: the SQL is behind the service.',
      from: { path: '\\.routes\\.tsx?$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'no-routes-from-other-modules',
      severity: 'error',
      comment: "Only app.ts mounts a module's routes.",
      from: { path: '^src/modules/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/modules/([^/]+)/.+\\.routes\\.tsx?$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'production-code-imports-no-test-code',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: TESTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^vendor/', '^data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
