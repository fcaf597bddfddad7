#!/usr/bin/env node
// The dependency-direction check (npm run depcheck):
//   1. dependency-cruiser with .dependency-cruiser.cjs: platform imports no
//      module, repositories are private to their module, routes import no
//      repository, nothing imports app.ts, no import cycles between files;
//   2. no cycles between modules: with each module (and each platform part)
//      collapsed to one node, production code must form no cycle, so
//      "listings imports organisations imports listings" fails here even when
//      no single file cycle exists.
import { cruise } from 'dependency-cruiser';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const config = require(path.join(root, '.dependency-cruiser.cjs'));
const TESTS = '(\\.test\\.tsx?|\\.test-support\\.tsx?|\\.access-rows\\.ts|\\.arbitraries\\.ts|\\.test-graphs\\.ts)$|/test-fixtures/|^test/';

let failed = false;

const files = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
for (const v of files.output.summary.violations) {
  failed = true;
  const via = v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : '';
  console.error(`✖ ${v.rule.name}: ${v.from} → ${v.to}${via}`);
}

const modules = await cruise(['src'], {
  ...config.options,
  exclude: { path: [...[config.options.exclude?.path ?? []].flat(), TESTS] },
  collapse: '^src/(modules|platform)/[^/]+',
});
const graph = new Map(modules.output.modules.map((m) => [m.source, m.dependencies.map((d) => d.resolved).filter((d) => d !== m.source)]));
for (const cycle of stronglyConnected(graph)) {
  failed = true;
  const edges = cycle.flatMap((a) =>
    graph
      .get(a)
      .filter((b) => cycle.includes(b))
      .map((b) => `${a} → ${b}`),
  );
  console.error(`✖ modules import each other: ${cycle.join(', ')}\n    ${edges.join('\n    ')}`);
}

if (failed) process.exit(1);
console.log(`dependencies: ${files.output.summary.totalCruised} files, ${graph.size} modules, no violations`);

/** Tarjan's algorithm: the groups of nodes that can each reach one another (only groups of two or more). */
function stronglyConnected(g) {
  let next = 0;
  const index = new Map(),
    low = new Map(),
    stack = [],
    onStack = new Set(),
    out = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}
