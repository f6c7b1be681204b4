/** The helpers' mailbox (src/util/mailbox.ts): messages in order, then the first failure. */
import { Mailbox } from '../../src/util/mailbox';

describe('a mailbox', () => {
  it('hands out messages in the order they came, to callers before and after they came', async () => {
    const box = new Mailbox<number>();
    const first = box.next();
    expect(box.awaited).toBe(true);
    box.deliver(1);
    expect(box.awaited).toBe(false);
    box.deliver(2);
    box.deliver(3);
    expect(await first).toBe(1);
    expect(await box.next()).toBe(2);
    expect(await box.next()).toBe(3);
  });

  it('gives messages already queued before the failure, then the first failure to every caller', async () => {
    const box = new Mailbox<string>();
    box.deliver('written');
    box.fail(new Error('disk full'));
    box.fail(new Error('exited'));
    expect(box.failed?.message).toBe('disk full');
    expect(await box.next()).toBe('written');
    await expect(box.next()).rejects.toThrow('disk full');
    await expect(box.next()).rejects.toThrow('disk full');
  });

  it('fails a caller already waiting', async () => {
    const box = new Mailbox<string>();
    const waiting = box.next();
    box.fail(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    expect(box.awaited).toBe(false);
  });
});
