/**
 * The load generator of `npm run bench:http`, run as its own process so it
 * does not share an event loop with the servers it measures:
 *
 *   node bench/http-load.ts '<json: {"urls": [...], "seconds": 10, "connections": 16}>'
 *   node bench/http-load.ts @job.json
 *
 * Keeps `connections` keep-alive requests in flight, spread over `urls` in
 * turn (one URL per app process), for `seconds` (with `"once": true`, until
 * each URL has been asked once, if that comes first); prints one JSON line with
 * requests per second, p50 and p99 in milliseconds, non-2xx/3xx answers, and
 * the CPU time it used itself while it ran.
 */
import http from 'node:http';

import fs from 'node:fs';

// The job as JSON, or `@file` holding it (a long list of addresses does not fit on a command line).
const arg = process.argv[2] ?? '{}';
const job = arg.startsWith('@') ? fs.readFileSync(arg.slice(1), 'utf8') : arg;
const { urls, seconds, connections, once } = JSON.parse(job) as { urls: string[]; seconds: number; connections: number; once?: boolean };
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies: number[] = [];
let errors = 0;
let next = 0;

function get(url: string): Promise<void> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { 'accept-encoding': 'gzip', cookie: 'lang=en' } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => {
        latencies.push(performance.now() - t0);
        if ((res.statusCode ?? 500) >= 400) errors++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
  });
}

const end = performance.now() + seconds * 1000;
const started = performance.now();
const cpuAtStart = process.cpuUsage();
await Promise.all(
  Array.from({ length: connections }, async () => {
    // With `once`, each address is asked at most once: the run ends early when they are all done.
    while (performance.now() < end && !(once && next >= urls.length)) await get(urls[next++ % urls.length]!);
  }),
);
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
// Its own CPU while it ran (milliseconds), so the benchmark can tell what the load itself cost the machine.
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify({ requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, cpuMs }));
agent.destroy();
