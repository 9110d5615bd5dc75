import { makeBackgroundLane } from '../../local/background-lane';

/** Background work behind the answers (local/background-lane.ts): when it may start, and that it always does. */
describe('background lane', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('lets background work start at once when no API request is in flight', async () => {
    // Arrange
    const lane = makeBackgroundLane(10_000);
    let started = false;

    // Act
    void lane.turn().then(() => (started = true));
    await settle();

    // Assert
    expect(lane.busy()).toBe(false);
    expect(started).toBe(true);
  });

  it('holds background work while a request is in flight and releases all of it when the last one ends', async () => {
    // Arrange
    const lane = makeBackgroundLane(10_000);
    let answer!: () => void;
    const request = lane.foreground(() => new Promise<void>((resolve) => (answer = resolve)));
    const started: number[] = [];
    [1, 2, 3].forEach((n) => void lane.turn().then(() => started.push(n)));

    // Act
    await settle();
    const whileBusy = [...started];
    answer();
    await request;
    await settle();

    // Assert
    expect(whileBusy).toEqual([]);
    expect(lane.busy()).toBe(false);
    expect(started).toEqual([1, 2, 3]);
  });

  it('gives waiting work one turn per interval, oldest first, to a front that is never idle', async () => {
    // Arrange
    jest.useFakeTimers();
    const lane = makeBackgroundLane(200);
    let answer!: () => void;
    const request = lane.foreground(() => new Promise<void>((resolve) => (answer = resolve)));
    const started: number[] = [];
    [1, 2].forEach((n) => void lane.turn().then(() => started.push(n)));

    // Act
    await jest.advanceTimersByTimeAsync(199);
    const beforeAnInterval = [...started];
    await jest.advanceTimersByTimeAsync(1);
    const afterOne = [...started];
    await jest.advanceTimersByTimeAsync(200);
    const afterTwo = [...started];
    answer();
    await request;
    jest.useRealTimers();

    // Assert
    expect(beforeAnInterval).toEqual([]);
    expect(afterOne).toEqual([1]);
    expect(afterTwo).toEqual([1, 2]);
  });

  it('counts a request that fails as ended', async () => {
    // Arrange
    const lane = makeBackgroundLane(10_000);

    // Act
    const failed = lane.foreground(() => Promise.reject(new Error('boom')));

    // Assert
    await expect(failed).rejects.toThrow('boom');
    expect(lane.busy()).toBe(false);
  });
});
