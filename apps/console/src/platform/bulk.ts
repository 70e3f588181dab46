export interface BulkFailure {
  id: number;
  message: string;
}

export interface BulkResult {
  done: number;
  /** In the order the ids were given, whatever order the requests finished in. */
  failed: BulkFailure[];
}

/**
 * Runs one request per id, `parallel` at a time, so the API's own checks and audit apply to every
 * one, and reports which failed and why instead of stopping at the first failure.
 */
export async function runEach(
  ids: readonly number[],
  op: (id: number) => Promise<unknown>,
  parallel = 2,
): Promise<BulkResult> {
  const failures = new Map<number, string>();
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      try {
        await op(id);
        done += 1;
      } catch (e) {
        failures.set(id, e instanceof Error ? e.message : String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, ids.length)) }, worker));
  return { done, failed: ids.filter((id) => failures.has(id)).map((id) => ({ id, message: failures.get(id)! })) };
}
