/**
 * `npm run format`: formats the tree with Biome (biome.jsonc) until it is stable. One pass is not
 * always enough: Biome 2.6 lays out some call chains and long signatures differently once their
 * arguments were broken by the first pass (4 of about 390 files in this tree), so the second pass
 * settles them. Fails if the tree still changes after three passes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const biome = fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url));
const run = (args: string[], quiet: boolean) => spawnSync(process.execPath, [biome, ...args], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' }).status;

for (let pass = 1; pass <= 3; pass++) {
  if (run(['format', '--write'], false) !== 0) process.exit(1);
  if (run(['format'], true) === 0) process.exit(0);
}
console.error('the formatter still changes the tree after three passes: see `npm run format:check`');
process.exit(1);
