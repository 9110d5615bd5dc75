/** Jest: @swc/jest transforms TypeScript and the ESM-only @middy packages to CommonJS (see toolchain notes). */
const swc = [
  '@swc/jest',
  { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
];
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  moduleNameMapper: { '^@middy/(.*)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  testEnvironment: 'node',
};
module.exports = {
  // The handlers' module-scope SDK clients keep idle keep-alive sockets to the local servers for up to a
  // minute after a test file stops its system; nothing else is left running, so Jest need not wait for them.
  forceExit: true,
  // A guard against hangs, not a performance assertion: virtual-clock steps through whole statutory periods
  // against real local servers take longer than Jest's 5 s default on a loaded machine.
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...shared, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    // Integration and browser tests move a virtual clock through whole statutory periods against real local
    // servers: on a loaded 2-core machine one step can take longer than Jest's 5 s default, so they get 2 minutes
    // (a timeout guards against a hang, it is no performance assertion).
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      testTimeout: 120_000,
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testTimeout: 120_000 },
  ],
};
