/**
 * Access tokens this process has already verified, so a member's next requests skip the HMAC and
 * the JSON parsing (a token is sent with every request until it expires). Keyed by the whole token
 * string, signature included, so only a byte-identical token that passed verification is found;
 * an entry is used only before the token's `exp`, and nothing about the session is cached: the
 * guard still loads the principal and its session from the database on every request.
 */
export class VerifiedTokens<P extends { exp?: number }> {
  private readonly entries = new Map<string, P>();

  constructor(private readonly max = 10_000) {}

  /** The payload of a token verified before and not yet expired at `nowMs`. */
  get(token: string, nowMs = Date.now()): P | undefined {
    const payload = this.entries.get(token);
    if (!payload) return undefined;
    if (typeof payload.exp !== 'number' || nowMs >= payload.exp * 1000) {
      this.entries.delete(token);
      return undefined;
    }
    return payload;
  }

  /** Remembers a token that passed verification (one without an expiry is not kept). */
  remember(token: string, payload: P): void {
    if (typeof payload.exp !== 'number') return;
    if (this.entries.size >= this.max) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, payload);
  }
}
