import { Injectable } from '@nestjs/common';

/** How long a process reuses the public part of the feed (news, events): seconds-stale is fine (docs/scale.md). */
export const HOME_PUBLIC_TTL_MS = 5_000;

/**
 * The public part of the home feed, kept per process for HOME_PUBLIC_TTL_MS: the same for every caller, so it
 * never holds anything of one user. Concurrent callers share one load (single flight); a failed load is not kept.
 * `now` is the clock the entry ages by (a test sets it to age the entry without waiting).
 */
@Injectable()
export class HomeFeedCache<T = unknown> {
  now: () => number = () => Date.now();
  private entry: { at: number; value: Promise<T> } | null = null;

  get(load: () => Promise<T>): Promise<T> {
    const now = this.now();
    if (this.entry && now - this.entry.at < HOME_PUBLIC_TTL_MS && now >= this.entry.at) return this.entry.value;
    const value = load();
    const entry = { at: now, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = null;
    });
    return value;
  }

  clear(): void {
    this.entry = null;
  }
}
