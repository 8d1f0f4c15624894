/**
 * Converts the old TypeScript message catalogue (`m(srLatn, bs, hr, cnr, sl, en)` tables and
 * `{ 'sr-Latn': …, bs: … }` objects, assembled by src/catalogue.ts, `{name}` placeholders) into the
 * per-language ICU MessageFormat files `locales/<locale>.json` (flat key → ICU string, keys sorted)
 * for the six handwritten languages. sr-Cyrl is not written: it is derived from sr-Latn at run time.
 *
 * It reads the catalogue of an OLD-FORM tree (one that still has src/i18n/messages.ts and the rooms'
 * messages.ts tables, e.g. main at c7dd7e5, or a later main with other branches merged), so that the
 * conversion is reproducible and keys added in the old form on other branches can be brought over:
 *
 *   git worktree add /tmp/oldtree <old-form commit, e.g. main after merging the other branches>
 *   ln -s "$PWD/node_modules" /tmp/oldtree/node_modules      # or `npm ci` there
 *   # every key, overwriting the files (how locales/*.json were first made, from c7dd7e5):
 *   node_modules/.bin/node scripts/catalogue-to-icu.ts --tree /tmp/oldtree locales
 *   # only ADD the keys the JSON files lack (never changes an existing entry), e.g. before merging
 *   # h-i18n into a main whose other branches added keys in the old form:
 *   node_modules/.bin/node scripts/catalogue-to-icu.ts --tree /tmp/oldtree --missing-only locales
 *   git worktree remove /tmp/oldtree
 *
 * Run the script from a tree that has it (the h-i18n branch or later); `--tree` defaults to the tree
 * the script is in, which only works while that tree still has the old catalogue. With
 * `--missing-only` it also lists the keys whose old-form text differs from the JSON file's, so they can
 * be carried over by hand; it changes none of them. Give `--base <old-form tree of c7dd7e5>` (the
 * commit the JSON files were made from) to narrow that to what other branches changed: then a key is
 * added only if the base lacks it (a key the JSON files dropped on purpose stays dropped), and a
 * difference is listed only where the old-form text changed since the base:
 *
 *   mkdir /tmp/base && git archive c7dd7e5 | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/
 *   node_modules/.bin/node scripts/catalogue-to-icu.ts --tree /tmp/oldtree --base /tmp/base --missing-only locales
 *
 * Merging h-i18n into a main whose other branches added keys in the old form, step by step:
 *   1. check out that main (before merging h-i18n) as the old-form tree (/tmp/oldtree above);
 *   2. in a checkout of h-i18n, run the --missing-only command above (with --base), commit locales/*.json;
 *   3. merge; resolve the conflicts by taking h-i18n's src/catalogue.ts and deleting every old table:
 *      src/i18n/{messages,workspace-messages,detail-messages,texts}.ts and each room's messages.ts or
 *      *-messages.ts that exports a `…_MESSAGES` table (their keys are now in locales/*.json);
 *   4. `node_modules/.bin/tsc --noEmit` finds any call whose key did not come over, and
 *      `npm test -- test/catalogue.test.ts` any message that lacks a language, a plural form or has English.
 *
 * Conversion: `{name}` stays an ICU argument; apostrophes that ICU would read as quoting are doubled;
 * a lone `{` or `}` is quoted. Every converted message is checked by formatting it with intl-messageformat
 * and comparing with what the old `format()` gave for the same arguments; a mismatch stops the script.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

const HANDWRITTEN = ['sr-Latn', 'bs', 'hr', 'cnr', 'sl', 'en'] as const;
type Handwritten = (typeof HANDWRITTEN)[number];

/** The old catalogue's placeholder: anything between braces that holds no brace (src/i18n/catalog.ts `format`). */
const OLD_PLACEHOLDER = /\{([^{}]+)\}/g;
/** An argument name ICU accepts as it is (no spaces or pattern syntax). */
const ICU_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;

/** Escapes literal text for ICU; `next` is the character that will follow it in the message. */
function escapeLiteral(text: string, next: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const after = i + 1 < text.length ? (text[i + 1] as string) : next;
    if (ch === "'") out += /^['{}#|<>]$/.test(after) ? "''" : "'";
    else if (ch === '{' || ch === '}') out += `'${ch}'`;
    else out += ch;
  }
  return out;
}

/** One old-form message in ICU syntax. */
function toIcu(old: string): string {
  let out = '';
  let last = 0;
  for (const match of old.matchAll(OLD_PLACEHOLDER)) {
    const name = match[1] as string;
    const literal = old.slice(last, match.index);
    if (ICU_NAME.test(name)) {
      out += escapeLiteral(literal, '{');
      out += `{${name}}`;
    } else {
      // Not a name ICU can take: the old form would have shown it unless a param had that exact name.
      out += escapeLiteral(literal + match[0], old[match.index + match[0].length] ?? '');
    }
    last = match.index + match[0].length;
  }
  out += escapeLiteral(old.slice(last), '');
  return out;
}

/** The old catalogue's `format`, to check the conversion against. */
function oldFormat(text: string, params: Record<string, string>): string {
  return text.replace(OLD_PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? (params[name] as string) : whole));
}

function check(key: string, locale: Handwritten, old: string, icu: string): void {
  const params: Record<string, string> = {};
  for (const m of old.matchAll(OLD_PLACEHOLDER)) if (ICU_NAME.test(m[1] as string)) params[m[1] as string] = `⟨${m[1]}⟩`;
  const got = new IntlMessageFormat(parse(icu, { ignoreTag: true }), locale).format(params);
  const want = oldFormat(old, params);
  if (got !== want) throw new Error(`${key} (${locale}) does not convert faithfully:\n  old: ${old}\n  icu: ${icu}\n  got: ${String(got)}\n  want: ${want}`);
}

interface OldCatalogue {
  MESSAGE_KEYS: string[];
  messageEntry(key: string): Readonly<Record<Handwritten, string>> | undefined;
}

async function loadOld(tree: string): Promise<OldCatalogue> {
  const catalogue = join(tree, 'src/catalogue.ts');
  const catalog = join(tree, 'src/i18n/catalog.ts');
  if (!existsSync(join(tree, 'src/i18n/messages.ts')))
    throw new Error(`${tree} has no old-form catalogue (src/i18n/messages.ts); pass --tree <old-form checkout>`);
  await import(pathToFileURL(catalogue).href);
  return (await import(pathToFileURL(catalog).href)) as OldCatalogue;
}

function readJson(file: string): Record<string, string> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

function writeJson(file: string, entries: Record<string, string>): void {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(entries).sort()) sorted[key] = entries[key] as string;
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

async function main(argv: string[]): Promise<void> {
  let tree = fileURLToPath(new URL('..', import.meta.url));
  let missingOnly = false;
  let base: string | undefined;
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--tree') tree = resolve(argv[++i] ?? '');
    else if (arg === '--missing-only') missingOnly = true;
    else if (arg === '--base') base = resolve(argv[++i] ?? '');
    else if (arg && !arg.startsWith('--')) dir = resolve(arg);
    else throw new Error(`unknown option ${arg}`);
  }
  if (!dir) throw new Error('usage: catalogue-to-icu.ts [--tree <old-form tree>] [--base <old-form tree>] [--missing-only] <locales dir>');
  if (base && !missingOnly) throw new Error('--base only goes with --missing-only');
  const old = await loadOld(tree);
  const before = base ? await loadOld(base) : undefined;
  mkdirSync(dir, { recursive: true });
  for (const locale of HANDWRITTEN) {
    const file = join(dir, `${locale}.json`);
    const existing = missingOnly ? readJson(file) : {};
    const out: Record<string, string> = { ...existing };
    const added: string[] = [];
    const differing: string[] = [];
    for (const key of old.MESSAGE_KEYS) {
      const text = old.messageEntry(key)?.[locale];
      if (text === undefined) throw new Error(`${key} has no ${locale} text`);
      const icu = toIcu(text);
      check(key, locale, text, icu);
      const was = before?.messageEntry(key)?.[locale];
      if (Object.hasOwn(existing, key)) {
        if (existing[key] !== icu && (before === undefined || was !== text)) differing.push(key);
        continue;
      }
      if (was !== undefined) continue;
      out[key] = icu;
      added.push(key);
    }
    writeJson(file, out);
    console.log(`${locale}: ${added.length} key(s) written to ${file}`);
    if (missingOnly && differing.length > 0)
      console.log(`  ${differing.length} existing key(s) read differently in the old tree (left as they are): ${differing.join(', ')}`);
  }
}

await main(process.argv.slice(2));
