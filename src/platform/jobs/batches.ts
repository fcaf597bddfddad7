/**
 * Background work in bounded batches: each batch is one short transaction,
 * and between batches the job lets everything else go first. On the embedded
 * database (one connection, handed out in arrival order) a page's queries that
 * arrived while a batch ran are served before the next batch starts, so a
 * long job slows pages by at most one batch, never starves them.
 */

/** Lets queued I/O and the pages' waiting queries run before the next batch. */
export function pauseBetweenBatches(ms = 10): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface BatchLimits {
  /** Rows per batch (one transaction each). */
  batchSize: number;
  /** Batches per run at most; what is left waits for the next run. */
  maxBatches: number;
  /** Stop between batches when aborted (the server is stopping). */
  signal?: AbortSignal;
  /** Called after each batch with the batch's number (from 1): for progress logs and tests. */
  onBatch?: (n: number) => void;
}

/**
 * Runs `batch` until it says there is no more (it returns false), the run's
 * batch limit is reached or `signal` aborts; pauses between batches. Returns
 * the number of batches run.
 */
export async function runInBatches(limits: BatchLimits, batch: () => Promise<boolean>): Promise<number> {
  let n = 0;
  while (n < limits.maxBatches && !limits.signal?.aborted) {
    const more = await batch();
    n++;
    limits.onBatch?.(n);
    if (!more) break;
    await pauseBetweenBatches();
  }
  return n;
}
