/**
 * A least-recently-used map bounded twice: by its number of entries and by the sum of their
 * sizes (the newest entry is always kept, however large). Per process, never shared.
 */
export class SizedLru<V> {
  private readonly map = new Map<string, V>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The value, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.remove(key);
    this.map.set(key, value);
    this.total += this.sizeOf(value);
    while (this.map.size > this.maxEntries || (this.total > this.maxSize && this.map.size > 1)) {
      this.remove(this.map.keys().next().value as string);
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** The sum of the sizes of what is held. */
  get totalSize(): number {
    return this.total;
  }

  private remove(key: string): void {
    const old = this.map.get(key);
    if (old === undefined) return;
    this.total -= this.sizeOf(old);
    this.map.delete(key);
  }
}
