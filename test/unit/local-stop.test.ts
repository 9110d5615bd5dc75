import { boundedStop } from '../../local/stop';

/** How `gongkai start` / `demo` end a stop (local/stop.ts): done, failed, or not done in time — never silently. */
describe('bounded stop', () => {
  it('answers 0 and says nothing when the stop finishes in time', async () => {
    // Arrange
    const said: string[] = [];

    // Act
    const code = await boundedStop(
      () => new Promise((resolve) => setTimeout(resolve, 10)),
      (t) => said.push(t),
      5_000,
    );

    // Assert
    expect(code).toBe(0);
    expect(said).toEqual([]);
  });

  it('answers 1 and says so when the stop waits on work that never ends', async () => {
    // Arrange: a stop awaiting a promise nothing will ever settle (no timer, no socket behind it).
    const said: string[] = [];

    // Act
    const code = await boundedStop(
      () => new Promise<void>(() => undefined),
      (t) => said.push(t),
      50,
    );

    // Assert
    expect(code).toBe(1);
    expect(said).toEqual([expect.stringContaining('停止超时')]);
  });

  it('answers 1 and says what failed when the stop throws', async () => {
    // Arrange
    const said: string[] = [];
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    // Act
    const code = await boundedStop(
      () => Promise.reject(new Error('LevelDB is locked')),
      (t) => said.push(t),
      5_000,
    );

    // Assert
    expect(code).toBe(1);
    expect(said).toEqual([expect.stringContaining('LevelDB is locked')]);
    logged.mockRestore();
  });
});
