/**
 * Builds the web app (web/ → web/dist) with Vite. `npm start` runs it first, so a fresh clone serves
 * its screens without a separate step; `npm test` runs it before the browser tests. Where Vite is not
 * installed (a production install without dev dependencies) an existing build is served as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const vite = path.join(root, 'node_modules', '.bin', 'vite');

/** True when web/dist holds a build afterwards. */
export function buildWeb(): boolean {
  if (!existsSync(vite)) {
    if (existsSync(path.join(root, 'web', 'dist', 'index.html'))) return true;
    console.error('The web app is not built and Vite is not installed: run npm ci (with dev dependencies), then npm run build:web.');
    return false;
  }
  const r = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error('building the web app failed');
  return r.status === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(buildWeb() ? 0 : 1);
