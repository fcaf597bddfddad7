/**
 * Main-thread side of the PGlite worker: sends requests, matches replies, and
 * keeps the figures `/health` reports (what is running and for how long).
 */
import { Worker } from 'node:worker_threads';
import { DatabaseUnavailable } from './db-errors.ts';
import { DbError, type WorkerInit, type WorkerRequest, type WorkerResponse } from './pglite-protocol.ts';

/**
 * Options for the worker: none when the main thread runs through tsx (`--import tsx`). A worker
 * inherits the main thread's options, and tsx in the worker would load a second compiler for
 * two small files (about 80 MB resident); the entry registers it only when Node cannot strip
 * types itself. Without tsx the worker inherits as usual (undefined). The list is not filtered
 * instead: options that are valid for a process are not all accepted for a worker.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] | undefined {
  const tsx = argv.some((arg, i) => {
    const flag = /^--(import|loader|experimental-loader|require)(=(.*))?$/.exec(arg);
    if (!flag) return false;
    const value = flag[2] ? flag[3]! : (argv[i + 1] ?? '');
    return /(^|[/\\])tsx([/\\]|$)/.test(value);
  });
  return tsx ? [] : undefined;
}

/**
 * The worker's young generation (V8's space for new objects), in MB. The
 * worker only passes messages and rows between PGlite and the main thread,
 * so it does not need V8's default, several times larger: at 100 000
 * services a server settled 10-15 MB lower with 8.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

type Pending = { resolve: (r: WorkerResponse & { ok: true }) => void; reject: (e: Error) => void; startedAt: number };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class PgliteWorkerClient {
  #worker: Worker;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #closed = false;
  /** Set when the worker stopped on its own: every later request fails at once instead of waiting forever. */
  #stopped: Error | null = null;

  constructor(init: WorkerInit) {
    const execArgv = workerExecArgv();
    this.#worker = new Worker(new URL('./pglite-worker-entry.mjs', import.meta.url), {
      workerData: init,
      ...(execArgv ? { execArgv } : {}),
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    this.#worker.on('message', (res: WorkerResponse) => {
      const p = this.#pending.get(res.id);
      if (!p) return;
      this.#pending.delete(res.id);
      if (res.ok) p.resolve(res);
      else p.reject(new DbError(res.error));
    });
    this.#worker.on('error', (err) => this.#stop(new DatabaseUnavailable(`The embedded database stopped: ${err.message}`, { cause: err })));
    this.#worker.on('exit', (code) => {
      if (!this.#closed) this.#stop(new DatabaseUnavailable(`PGlite worker stopped unexpectedly (exit ${code})`));
    });
  }

  request(req: Distribute<WorkerRequest>): Promise<WorkerResponse & { ok: true }> {
    if (this.#closed && req.op !== 'close') return Promise.reject(new DatabaseUnavailable('Database is closed'));
    if (this.#stopped) return req.op === 'close' ? Promise.resolve({ id: 0, ok: true }) : Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, startedAt: Date.now() });
      this.#worker.postMessage({ ...req, id } as WorkerRequest);
    });
  }

  /** How long the oldest unanswered request has been waiting (0 when idle). */
  busyForMs(): number {
    let oldest = Infinity;
    for (const p of this.#pending.values()) oldest = Math.min(oldest, p.startedAt);
    return oldest === Infinity ? 0 : Date.now() - oldest;
  }

  pendingCount(): number {
    return this.#pending.size;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.request({ op: 'close' });
    } finally {
      this.#closed = true;
      await this.#worker.terminate();
    }
  }

  #stop(err: Error) {
    this.#stopped ??= err;
    this.#failAll(err);
  }

  #failAll(err: Error) {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}
