import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineExceededError, createSharedDeadline } from '../../src/store/shared-deadline.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('shared deadline', () => {
  it('passes through what the work settles with inside the deadline', async () => {
    const deadline = createSharedDeadline(1_000, 'test');
    await expect(deadline.within(Promise.resolve(7))).resolves.toBe(7);
    await expect(deadline.within(Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  });

  it('rejects work that has not settled within the deadline, naming what timed out', async () => {
    vi.useFakeTimers();
    const deadline = createSharedDeadline(1_000, 'spool append', () => Date.now());
    const never = new Promise<never>(() => undefined);
    const late = deadline.within(never);
    const assertion = expect(late).rejects.toThrow(DeadlineExceededError);
    await vi.advanceTimersByTimeAsync(1_250);
    await assertion;
    await expect(late).rejects.toThrow('spool append: no answer within 1000 ms');
  });

  it('keeps one timer for many calls and none once nothing is pending', async () => {
    vi.useFakeTimers();
    const deadline = createSharedDeadline(1_000, 'test', () => Date.now());
    const answers = Array.from({ length: 100 }, (_, i) => deadline.within(Promise.resolve(i)));
    expect(vi.getTimerCount()).toBe(1);
    await Promise.all(answers);
    await vi.advanceTimersByTimeAsync(250);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not reject work answered before the sweep that would have found it late', async () => {
    vi.useFakeTimers();
    const deadline = createSharedDeadline(1_000, 'test', () => Date.now());
    let answer: (value: string) => void = () => undefined;
    const call = deadline.within(new Promise<string>((resolve) => (answer = resolve)));
    await vi.advanceTimersByTimeAsync(900);
    answer('ok');
    await vi.advanceTimersByTimeAsync(500);
    await expect(call).resolves.toBe('ok');
  });
});
