/**
 * Builds the web app (web/ → web/dist) with Vite. `npm start` runs it first, so a fresh clone serves
 * its screens without a separate step; `npm test` runs it before the browser tests. Where Vite is not
 * installed (a production install without dev dependencies) an existing build is served as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
  if (r.status !== 0) {
    console.error('building the web app failed');
    return false;
  }
  precompress(path.join(root, 'web', 'dist'));
  return true;
}

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes file.br and file.gz beside every text file of the build, at the highest levels: done once
 * here, they cost the server nothing per request (it picks one by Accept-Encoding, @fastify/static's
 * preCompressed), and brotli 11 is about a fifth smaller than the on-the-fly gzip a proxy would do.
 * A variant that would not be smaller is not written, so the plain file is served instead.
 */
export function precompress(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const raw = readFileSync(file);
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(buildWeb() ? 0 : 1);
