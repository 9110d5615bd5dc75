import { makeRealClock, makeVirtualClock } from '../../local/clock';

/** The local clock's accounting (local/clock.ts): what the virtual clock waits for, and that nothing can hang it. */
describe('virtual clock', () => {
  const start = new Date('2024-10-23T00:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

  it('wakes sleepers in time order, each at its own instant, and waits for the work they do', async () => {
    // Arrange
    const clock = makeVirtualClock(start);
    const seen: string[] = [];
    const sleeper = (minutes: number, name: string) =>
      clock.track(async () => {
        await clock.sleepUntil(at(minutes));
        await new Promise((resolve) => setTimeout(resolve, 5)); // work after waking: the clock waits for it
        seen.push(`${name}@${clock.now().toISOString().slice(11, 16)}`);
      });
    const works = [sleeper(30, 'b'), sleeper(10, 'a'), sleeper(30, 'c'), sleeper(24 * 60 * 40, 'far')];

    // Act
    await clock.advanceTo(at(60));

    // Assert
    expect(seen).toEqual(['a@00:10', 'b@00:30', 'c@00:30']);
    expect(clock.now()).toEqual(at(60));
    await clock.advanceTo(at(24 * 60 * 41)); // 41 days: beyond what one setTimeout can wait
    expect(seen).toEqual(['a@00:10', 'b@00:30', 'c@00:30', 'far@00:00']);
    await Promise.all(works);
  });

  it('is not corrupted by a sleep its work abandoned (the work ended while its sleep was pending)', async () => {
    // Arrange: a work that stops waiting for its sleep (as an engine timing out a sleeping task would).
    const clock = makeVirtualClock(start);
    await clock.track(() =>
      Promise.race([clock.sleepUntil(at(10)), new Promise<void>((resolve) => setTimeout(resolve, 5))]),
    );
    let fired = false;
    void clock.track(async () => {
      await clock.sleepUntil(at(20));
      fired = true;
    });

    // Act: the abandoned sleep wakes first; later steps must still settle and fire.
    await clock.advanceTo(at(15));
    await clock.advanceTo(at(25));

    // Assert
    expect(fired).toBe(true);
  });

  it('wakes an aborted sleeper at once and a step afterwards does not hang', async () => {
    // Arrange
    const clock = makeVirtualClock(start);
    const abort = new AbortController();
    const work = clock.track(() => clock.sleepUntil(at(60), abort.signal));

    // Act
    abort.abort();
    await work;
    await clock.advanceTo(at(120));

    // Assert
    expect(clock.now()).toEqual(at(120));
  });

  it('stops waiting for work that never settles after the settle timeout, so a move always answers', async () => {
    // Arrange: a tracked work that hangs for good.
    const clock = makeVirtualClock(start, { settleTimeoutMs: 50 });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    void clock.track(() => new Promise<void>(() => undefined));

    // Act
    await clock.advanceTo(at(5));
    await clock.advanceTo(at(10)); // the hung work no longer counts

    // Assert
    expect(clock.now()).toEqual(at(10));
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('moves one step at a time when two moves are asked together, and never backwards', async () => {
    // Arrange
    const clock = makeVirtualClock(start);
    const times: string[] = [];
    void clock.track(async () => {
      await clock.sleepUntil(at(5));
      times.push(clock.now().toISOString());
    });

    // Act
    await Promise.all([clock.advanceTo(at(10)), clock.advanceTo(at(20))]);

    // Assert
    expect(times).toEqual([at(5).toISOString()]);
    expect(clock.now()).toEqual(at(20));
    await expect(clock.advanceTo(at(1))).rejects.toThrow('only moves forward');
  });
});

describe('real clock', () => {
  it('runs in real time from a chosen origin', async () => {
    // Arrange
    const origin = new Date('2024-10-23T00:58:00Z');
    const clock = makeRealClock(origin);

    // Act
    const before = clock.now().getTime();
    await clock.sleepUntil(new Date(before + 30));
    const after = clock.now().getTime();

    // Assert
    expect(before - origin.getTime()).toBeGreaterThanOrEqual(0);
    expect(after).toBeGreaterThanOrEqual(before + 30);
    await expect(clock.advanceTo(new Date())).rejects.toThrow('real time');
  });
});
