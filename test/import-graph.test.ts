/**
 * The shape of src (issue 12), read from the import lines of every .ts file, as docs/ARCHITECTURE.md
 * states it:
 * - the ground floor (src/kernel, src/http, src/i18n, src/channels, src/peers, src/config.ts)
 *   imports no feature room and not the composition root;
 * - no import cycle between rooms;
 * - a room's module.ts is imported only by the composition root, its http/ only by its own room;
 *   the repositories (SQL) of a feature room are its own: only the core rooms (cases, organisation)
 *   publish theirs to other rooms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const GROUND = ['kernel', 'http', 'i18n', 'channels', 'peers', 'config.ts', 'config.test.ts'];
const COMPOSITION = ['modules.ts', 'runtime.ts', 'main.ts', 'cli.ts', 'demo'];
const CORE = ['cases', 'organisation'];

/**
 * Known exceptions, each a reason to fix; the test fails when one is no longer needed, so the list
 * only shrinks. The citizens' room and the registry feed still read the notification room's contact
 * and message tables directly.
 */
const KNOWN = new Set([
  'src/citizens/commands/handle-inbound-mail.ts -> src/notifications/repositories/message-repository.ts',
  'src/citizens/commands/handle-inbound-sms.ts -> src/notifications/repositories/contact-repository.ts',
  'src/citizens/commands/handle-viber-conversation.ts -> src/notifications/repositories/contact-repository.ts',
  'src/citizens/queries/portal.ts -> src/notifications/repositories/contact-repository.ts',
  'src/integrations/registry/commands/ingest-registry-event.ts -> src/notifications/repositories/contact-repository.ts',
]);

interface Edge {
  from: string;
  to: string;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.endsWith(path.join('db', 'migrations')) ? [] : listTs(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Relative imports and re-exports, static and dynamic (type-only ones too: they shape the code the same way). */
export function importsOf(file: string, text: string): Edge[] {
  const out: Edge[] = [];
  const re =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    out.push({ from: file, to: path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) });
  }
  return out;
}

/** The room of a file: its top folder under src (src/integrations/<name> is a room of its own), or the file at src's top. */
export function roomOf(file: string): string {
  const parts = file.split('/');
  // The message files (locales/*.json) are the ground floor's catalogue (src/i18n/catalog.ts).
  if (parts[0] === 'locales') return 'i18n';
  if (parts[0] !== 'src') return '(outside)';
  if (parts[1] === 'integrations' && parts.length > 3) return `integrations/${parts[2]}`;
  return parts[1]!;
}

const isGround = (room: string) => GROUND.includes(room);
const isComposition = (room: string) => COMPOSITION.includes(room);
const isFeature = (room: string) => !isGround(room) && !isComposition(room) && room !== '(outside)';

/** Every broken rule, one line each. */
export function violations(edges: readonly Edge[]): string[] {
  const bad: string[] = [];
  const roomEdges = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = roomOf(e.from),
      b = roomOf(e.to);
    if (a === b) continue;
    const line = `${e.from} -> ${e.to}`;
    if (KNOWN.has(line)) continue;
    if (isGround(a) && !isGround(b)) bad.push(`ground floor imports ${isComposition(b) ? 'the composition root' : 'a feature'}: ${line}`);
    if (isFeature(a) && isComposition(b)) bad.push(`a feature imports the composition root: ${line}`);
    if (isFeature(b) && !isComposition(a)) {
      const inside = e.to.slice(`src/${b}/`.length);
      if (inside === 'module.ts') bad.push(`only the composition root imports a module: ${line}`);
      if (inside.startsWith('http/')) bad.push(`a room's routes are its own: ${line}`);
      if (inside.startsWith('repositories/') && !CORE.includes(b)) bad.push(`a feature's repositories are its own: ${line}`);
    }
    if (isFeature(a) && isFeature(b)) {
      if (!roomEdges.has(a)) roomEdges.set(a, new Set());
      roomEdges.get(a)!.add(b);
    }
  }
  for (const cycle of cycles(roomEdges)) bad.push(`import cycle between rooms: ${cycle.join(' -> ')}`);
  return bad;
}

/** One cycle per strongly connected group of rooms (Tarjan), named by a path through it. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    stack: string[] = [],
    on = new Set<string>();
  const found: string[][] = [];
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i);
    i++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push([...group.reverse(), group[0]!]);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function srcEdges(): Edge[] {
  return listTs('src').flatMap((f) => {
    const file = f.split(path.sep).join('/');
    return importsOf(file, readFileSync(f, 'utf8'));
  });
}

test('the import graph of src keeps the rooms apart (docs/ARCHITECTURE.md, "Rooms and the rules between them")', () => {
  const edges = srcEdges();
  assert.ok(edges.length > 500, `read ${edges.length} imports: the parser found too few`);
  assert.deepEqual(violations(edges), []);
});

test('every known exception is still needed (fixing one means deleting it from the list)', () => {
  const lines = new Set(srcEdges().map((e) => `${e.from} -> ${e.to}`));
  assert.deepEqual(
    [...KNOWN].filter((k) => !lines.has(k)),
    [],
  );
});

test('the rules catch what they must', () => {
  const e = (from: string, to: string): Edge => ({ from, to });
  const cases: [Edge[], RegExp][] = [
    [[e('src/kernel/context.ts', 'src/cases/commands/record-case-event.ts')], /ground floor imports a feature/],
    [[e('src/http/app.ts', 'src/modules.ts')], /ground floor imports the composition root/],
    [[e('src/i18n/messages.ts', 'src/sistem48/messages.ts')], /ground floor imports a feature/],
    [[e('src/sistem48/module.ts', 'src/modules.ts')], /a feature imports the composition root/],
    [[e('src/reports/queries/x.ts', 'src/sistem48/module.ts')], /only the composition root imports a module/],
    [[e('src/reports/queries/x.ts', 'src/sistem48/http/routes.ts')], /routes are its own/],
    [[e('src/reports/commands/x.ts', 'src/sistem48/repositories/category-repository.ts')], /repositories are its own/],
    [
      [
        e('src/sistem48/commands/a.ts', 'src/cases/commands/b.ts'),
        e('src/cases/commands/b.ts', 'src/notifications/domain/c.ts'),
        e('src/notifications/domain/c.ts', 'src/sistem48/domain/d.ts'),
      ],
      /import cycle between rooms: .*sistem48/,
    ],
    [
      [e('src/notifications/x.ts', 'src/integrations/registry/commands/y.ts'), e('src/integrations/registry/commands/y.ts', 'src/notifications/z.ts')],
      /import cycle between rooms/,
    ],
  ];
  for (const [edges, expected] of cases) {
    const found = violations(edges);
    assert.ok(
      found.some((v) => expected.test(v)),
      `${JSON.stringify(edges)}: ${JSON.stringify(found)}`,
    );
  }
  // Allowed: a feature using the core's repositories, its own routes, the ground floor; the composition root using anything.
  assert.deepEqual(
    violations([
      e('src/sistem48/commands/a.ts', 'src/cases/repositories/case-repository.ts'),
      e('src/sistem48/module.ts', 'src/sistem48/http/routes.ts'),
      e('src/sistem48/commands/a.ts', 'src/kernel/context.ts'),
      e('src/modules.ts', 'src/sistem48/module.ts'),
      e('src/demo/seed.ts', 'src/cases/commands/register-case.ts'),
    ]),
    [],
  );
});

test('the parser reads every form of import', () => {
  const text = [
    "import type { A } from './a.ts';",
    "import { B,\n  C } from '../b/c.ts';",
    "export { D } from './d.ts';",
    "export type { E } from './e.ts';",
    "const m = await import('../f.ts');",
    "import './g.ts';",
    "import x from 'fastify';",
  ].join('\n');
  assert.deepEqual(
    importsOf('src/x/y.ts', text).map((e) => e.to),
    ['src/x/a.ts', 'src/b/c.ts', 'src/x/d.ts', 'src/x/e.ts', 'src/f.ts', 'src/x/g.ts'],
  );
});
