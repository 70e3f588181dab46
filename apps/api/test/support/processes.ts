/** Waits until a spawned API answers `/health/ready`; fails early if `exited()` says it is gone. */
export async function waitReady(url: string, opts: { timeoutMs?: number; exited?: () => boolean } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || opts.exited?.()) throw new Error(`${url} did not become ready`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
