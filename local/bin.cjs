#!/usr/bin/env node
// `npx gongkai …` without a build step: the TypeScript CLI on this Node with tsx's loader, in one child process.
// Ctrl-C reaches the child from the terminal (same process group): this parent only waits for it to stop cleanly
// and answers its exit code (SIGTERM sent to this process alone is passed on). Not the tsx CLI, whose own signal
// relay kills a child that is slow to acknowledge a signal (local/stop.ts).
const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const tsx = pathToFileURL(require.resolve('tsx')).href;
const child = spawn(process.execPath, ['--import', tsx, path.join(__dirname, 'cli.ts'), ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
