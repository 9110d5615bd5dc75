#!/usr/bin/env node
// The browser tests drive Debian's Chromium (never a downloaded browser). Installs it when missing and
// allowed (root with apt-get, as on CI and the project's machines); otherwise says how.
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`Chromium is missing at ${CHROMIUM}. Install it: sudo apt-get install -y chromium fonts-noto-cjk`);
  process.exit(1);
}
console.log('Installing Debian Chromium for the browser tests…');
execSync('apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk', {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
