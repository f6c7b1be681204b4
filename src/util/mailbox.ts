/**
 * Messages from a helper (synth's second process, its proof thread), taken in order:
 * each `next()` gets the oldest one not taken, or waits for it. Once the helper has
 * failed, whoever waits or asks next gets that failure; messages already queued are
 * still taken first.
 */
export class Mailbox<T> {
  private readonly queue: T[] = [];
  private waiting?: { resolve: (message: T) => void; reject: (err: Error) => void };
  private failure?: Error;

  /** What the helper failed with, if it did. */
  get failed(): Error | undefined {
    return this.failure;
  }

  deliver(message: T): void {
    if (this.waiting) this.waiting.resolve(message), (this.waiting = undefined);
    else this.queue.push(message);
  }

  /** The first failure counts; later ones (an exit after an error) are its consequences. */
  fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.waiting?.reject(err);
    this.waiting = undefined;
  }

  /** Whether a caller is waiting for a message. */
  get awaited(): boolean {
    return this.waiting !== undefined;
  }

  next(): Promise<T> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}
