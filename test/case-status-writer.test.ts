/**
 * Only one module changes a case's status (issue 12): `moveCaseStatus` in src/cases/commands/move-case-status.ts.
 * This test reads the source (as route-auth reads the routes) and fails when any other code writes the
 * status columns of `cases` (status, status_changed_at, closed_at):
 *
 * 1. No SQL text anywhere in src (migrations included) updates or inserts into `cases`, or names the
 *    table through sql.table/sql.id: raw SQL would bypass the rules.
 * 2. Kysely writes to `cases` (updateTable, insertInto, mergeInto; with an alias or not; a table name
 *    that is not a literal counts too) exist only in the case repository, in the functions listed
 *    below; their `.set(…)`/`.values(…)` name no status column except through the status move's
 *    columns, and the patch type the other writers take (CasePatch) has no status column.
 * 3. The status move's columns (CaseStatusColumns, the argument that carries them) travel only
 *    moveCaseStatus → recordCaseEvent → appendEvent: the type is named in those three files only,
 *    recordCaseEvent gets a sixth argument only from moveCaseStatus, appendEvent a fifth only from recordCaseEvent.
 * 4. A new case is inserted in INITIAL_STATUS (the type of NewCase.status), or already moved on by its first move
 *    (registerMovedCase in the status writer's file checks the move and builds its columns): insertCase takes
 *    that move only from there.
 * 5. The import path (sistem48's import of report history, in bulk): cases inserted by insertCases (as
 *    insertCase, INITIAL_STATUS), their histories appended by appendImportedHistories, which takes the
 *    status columns only from recordImportedHistories in the status writer's file, which checks every move.
 *
 * The checker itself is shown to catch each kind of offence on made-up sources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const STATUS_COLUMNS = ['status', 'status_changed_at', 'closed_at'];
const MOVE_FILE = 'src/cases/commands/move-case-status.ts';
const EVENT_FILE = 'src/cases/commands/record-case-event.ts';
const REPO_FILE = 'src/cases/repositories/case-repository.ts';
/** Where Kysely may write to `cases`, and what: the function the call sits in. */
const CASES_WRITERS: Record<string, string[]> = { [REPO_FILE]: ['insertCase', 'appendEvent', 'updateCase', 'insertCases', 'appendImportedHistories'] };
/** The bulk writers of the import path, whose set/values are built from their rows (and checked by rule 5). */
const BULK_WRITERS = ['insertCases', 'appendImportedHistories'];

interface Source {
  file: string;
  text: string;
}

/**
 * Splits a TypeScript source into code (comments blanked, string contents blanked) and the string
 * and template literals it holds, keeping offsets. Enough of a lexer for this check: regular
 * expression literals are not told from division, which only risks a false alarm, never a miss.
 */
function lex(text: string): { code: string; literals: { start: number; value: string }[] } {
  const code = text.split('');
  const literals: { start: number; value: string }[] = [];
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (code[k] !== '\n') code[k] = ' ';
  };
  let i = 0;
  const templateDepth: number[] = [];
  let braces = 0;
  const readString = (quote: string) => {
    const start = i;
    let value = '';
    i++;
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        value += text[i + 1];
        i += 2;
        continue;
      }
      if (quote === '`' && text[i] === '$' && text[i + 1] === '{') {
        // A template's substitution is code; the literal so far is one piece of its SQL text.
        value += ' ? ';
        blank(start + 1, i);
        literals.push({ start, value });
        templateDepth.push(braces);
        i += 2;
        return false;
      }
      value += text[i];
      i++;
    }
    blank(start + 1, i);
    literals.push({ start, value });
    i++;
    return true;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      readString(ch);
      continue;
    }
    if (ch === '{') braces++;
    if (ch === '}') {
      if (templateDepth.length && templateDepth.at(-1) === braces) {
        // Back inside a template literal after `${…}`: read on from this brace as from an opening backtick.
        templateDepth.pop();
        readString('`');
        continue;
      }
      braces--;
    }
    i++;
  }
  return { code: code.join(''), literals };
}

/** The text between the parenthesis at `open` and its match, in blanked code. */
function balanced(code: string, open: number): string {
  let depth = 0;
  for (let k = open; k < code.length; k++) {
    const c = code[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return code.slice(open + 1, k);
    }
  }
  return code.slice(open + 1);
}

/** Top-level comma-separated arguments of a call's argument text. */
function args(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let k = 0; k < inner.length; k++) {
    const c = inner[k];
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(last, k));
      last = k + 1;
    }
  }
  out.push(inner.slice(last));
  return out.map((a) => a.trim()).filter(Boolean);
}

/** The name of the innermost named function (declaration or `const name = … =>`) before `at`. */
function enclosingFunction(code: string, at: number): string {
  const before = code.slice(0, at);
  const names = [...before.matchAll(/(?:function\s+([A-Za-z0-9_$]+)|(?:const|let)\s+([A-Za-z0-9_$]+)\s*=\s*(?:async\s*)?\()/g)];
  const last = names.at(-1);
  return last ? (last[1] ?? last[2])! : '(top level)';
}

const line = (text: string, at: number) => text.slice(0, at).split('\n').length;

export function statusWriteViolations(sources: Source[]): string[] {
  const out: string[] = [];
  const statusKey = new RegExp(`(^|[{,\\s])(${STATUS_COLUMNS.join('|')})\\s*[:,}]|['"](${STATUS_COLUMNS.join('|')})['"]\\s*:`);
  for (const { file, text } of sources) {
    const { code, literals } = lex(text);
    const where = (at: number) => `${file}:${line(text, at)}`;
    // 1. SQL text.
    for (const l of literals) {
      const sqlText = l.value.replace(/\s+/g, ' ');
      if (/\b(update|insert\s+into|merge\s+into)\s+(only\s+)?("?public"?\s*\.\s*)?"?cases"?(\s|$|\()/i.test(sqlText)) {
        out.push(
          `${where(l.start)}: SQL writes to cases ("${sqlText.trim().slice(0, 60)}"); change a case through its repository, its status through moveCaseStatus`,
        );
      }
    }
    for (const m of code.matchAll(/\bsql\s*\.\s*(table|id|ref|raw)\s*\(/g)) {
      const lit = literals.find((l) => l.start > m.index! && l.start < m.index! + m[0].length + 3);
      if (lit && /^\s*"?cases"?\s*$/i.test(lit.value)) out.push(`${where(m.index!)}: sql.${m[1]}('cases') builds SQL on cases outside the repository`);
    }
    // 2. Kysely writes.
    for (const m of code.matchAll(/\.\s*(updateTable|insertInto|mergeInto|replaceInto)\s*\(/g)) {
      const open = m.index! + m[0].length - 1;
      const inner = balanced(code, open);
      const lit = literals.find((l) => l.start > open && l.start <= open + inner.length);
      const table = inner.replace(/['"`\s]/g, '') === '' && lit ? lit.value.trim().split(/\s+/)[0]! : null;
      if (table !== null && table !== 'cases' && !table.startsWith('cases ')) continue;
      if (table === null) {
        out.push(`${where(m.index!)}: ${m[1]} with a table name that is not a literal`);
        continue;
      }
      const fn = enclosingFunction(code, m.index!);
      if (!CASES_WRITERS[file]?.includes(fn)) {
        out.push(`${where(m.index!)}: ${m[1]}('cases') in ${fn}; writes to cases belong to ${REPO_FILE}`);
        continue;
      }
      // The statement's set/values arguments: up to the end of the statement.
      const end = code.indexOf(';', open);
      const statement = code.slice(open, end < 0 ? undefined : end);
      for (const s of statement.matchAll(/\.\s*(set|values)\s*\(/g)) {
        const arg = balanced(statement, s.index! + s[0].length - 1);
        const bulk = file === REPO_FILE && BULK_WRITERS.includes(fn);
        if (statusKey.test(arg) && !(file === REPO_FILE && fn === 'insertCase') && !bulk) out.push(`${where(m.index!)}: ${fn} sets a status column of cases`);
        if (bulk) continue;
        for (const spread of arg.matchAll(/\.\.\.\s*([A-Za-z0-9_$.]+)/g)) {
          const ok = spread[1] === 'patch' || (spread[1] === 'statusColumns' && fn === 'appendEvent');
          if (!ok) out.push(`${where(m.index!)}: ${fn} spreads ${spread[1]} into a write to cases`);
        }
        if (!/^\s*\{/.test(arg) && arg.trim() !== 'patch')
          out.push(`${where(m.index!)}: ${fn} writes cases from ${arg.trim().slice(0, 30)}, not an object whose keys can be read`);
      }
    }
    // 3. The status columns travel only from moveCaseStatus.
    if (/\bCaseStatusColumns\b/.test(code) && ![MOVE_FILE, EVENT_FILE, REPO_FILE].includes(file))
      out.push(`${file}: names CaseStatusColumns; only moveCaseStatus builds the status columns`);
    for (const m of code.matchAll(/\brecordCaseEvent\s*\(/g)) {
      if (/function\s*$/.test(code.slice(0, m.index!))) continue;
      const n = args(balanced(code, m.index! + m[0].length - 1)).length;
      if (n > 5 && file !== MOVE_FILE) out.push(`${where(m.index!)}: recordCaseEvent with the status columns outside moveCaseStatus`);
    }
    for (const m of code.matchAll(/\bappendEvent\s*\(/g)) {
      if (/function\s*$/.test(code.slice(0, m.index!))) continue;
      const n = args(balanced(code, m.index! + m[0].length - 1)).length;
      if (n > 4 && file !== EVENT_FILE) out.push(`${where(m.index!)}: appendEvent with the status columns outside recordCaseEvent`);
    }
    // 4b. Registration with its first move: insertCase takes a move (its third argument) only from the status writer's file.
    for (const m of code.matchAll(/\binsertCase\s*\(/g)) {
      if (/function\s*$/.test(code.slice(0, m.index!))) continue;
      const n = args(balanced(code, m.index! + m[0].length - 1)).length;
      if (n > 2 && file !== MOVE_FILE) out.push(`${where(m.index!)}: insertCase with a status move outside moveCaseStatus's registration path`);
    }
    // 5. The import path: the bulk history writer is called from the status writer's file only.
    for (const m of code.matchAll(/\bappendImportedHistories\s*\(/g)) {
      if (/function\s*$/.test(code.slice(0, m.index!))) continue;
      if (file !== MOVE_FILE) out.push(`${where(m.index!)}: appendImportedHistories outside moveCaseStatus's import path`);
    }
    // Patches handed to the repository or to recordCaseEvent (the type forbids it; this names the place).
    for (const m of code.matchAll(/\bupdateCase\s*\(|\bcasePatch\s*:\s*\{/g)) {
      if (/function\s*$/.test(code.slice(0, m.index!))) continue;
      if (statusKey.test(balanced(code, m.index! + m[0].length - 1)))
        out.push(`${where(m.index!)}: a case patch with a status column; move the status with moveCaseStatus`);
    }
    // The patch type every other writer takes.
    if (file === REPO_FILE) {
      const decl = /export type CasePatch\s*=/.exec(code);
      if (!decl) out.push(`${file}: CasePatch is not declared where expected`);
      else {
        const body = code.slice(decl.index, code.indexOf(';', decl.index));
        for (const col of STATUS_COLUMNS) if (new RegExp(`\\b${col}\\s*\\??:`).test(body)) out.push(`${file}: CasePatch has the status column ${col}`);
      }
      // 4. Registration's status.
      if (!/status:\s*typeof INITIAL_STATUS/.test(code)) out.push(`${file}: NewCase.status is not typeof INITIAL_STATUS`);
    }
  }
  return out;
}

function sourcesUnder(dir: string): Source[] {
  const out: Source[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, text: readFileSync(file, 'utf8') });
  }
  return out;
}

test("only moveCaseStatus writes a case's status columns", () => {
  const sources = sourcesUnder('src');
  assert.ok(sources.length > 100, `only ${sources.length} source files read`);
  assert.ok(
    sources.some((s) => s.file === MOVE_FILE),
    'the status writer is where the check expects it',
  );
  assert.deepEqual(statusWriteViolations(sources), []);
});

test('the check catches each way of writing the status elsewhere', () => {
  const repo = readFileSync(REPO_FILE, 'utf8');
  const offenders: [string, string][] = [
    [
      'a Kysely update in a command',
      `export async function f(tx) { await tx.updateTable('cases').set({ status: 'resolved' }).where('id', '=', id).execute(); }`,
    ],
    ['an aliased update', `export async function f(tx) { await tx.updateTable('cases as c').set({ note: 1 }).execute(); }`],
    ['a dynamic table name', `export async function f(tx, t) { await tx.updateTable(t).set({ x: 1 }).execute(); }`],
    ['raw SQL', 'export async function f(tx) { await sql`update cases set closed_at = null where id = ${id}`.execute(tx); }'],
    [
      'raw SQL in a template continued after a substitution',
      "export async function f(tx) { await sql`select ${a}; UPDATE public.cases\n SET status = 'archived'`.execute(tx); }",
    ],
    ['raw SQL in a string', `const q = "insert into cases (status) values ('resolved')";`],
    ['sql.table', `export async function f(tx) { await sql\`update \${sql.table('cases')} set status = 'x'\`.execute(tx); }`],
    [
      'the status columns passed to recordCaseEvent',
      `export async function f(tx, ctx, c, a) { await recordCaseEvent(tx, ctx, c, a, { type: 'x' }, { status: 'resolved', status_changed_at: now, closed_at: now }); }`,
    ],
    ['the status columns passed to appendEvent', `export async function f(tx, c, e) { await appendEvent(tx, c, e, {}, cols); }`],
    ['updateCase with a status', `export async function f(tx) { await updateCase(tx, id, { unit_id: u, status: 'resolved' }); }`],
    ['a casePatch with closed_at', `export async function f(tx) { await recordCaseEvent(tx, ctx, c, a, { type: 'x', casePatch: { closed_at: null } }); }`],
    ['the status columns type used', `import type { CaseStatusColumns } from '../repositories/case-repository.ts';`],
    ['the bulk history writer called past the import path', `export async function f(tx, rows) { await appendImportedHistories(tx, rows); }`],
    ['a case registered already moved, past the status writer', `export async function f(tx, rows, m) { await insertCase(tx, rows, m); }`],
  ];
  for (const [what, text] of offenders) {
    assert.notDeepEqual(statusWriteViolations([{ file: 'src/sistem48/commands/offender.ts', text }]), [], what);
  }
  // In the repository itself: a status key in an update's set, a new writer function, CasePatch growing a status column.
  assert.notDeepEqual(
    statusWriteViolations([{ file: REPO_FILE, text: repo.replace('.set(patch)', '.set({ ...patch, closed_at: null })') }]),
    [],
    'a status key beside the patch',
  );
  assert.notDeepEqual(
    statusWriteViolations([{ file: REPO_FILE, text: `${repo}\nexport async function reopen(tx) { await tx.updateTable('cases').set({ x: 1 }).execute(); }` }]),
    [],
    'a new writer',
  );
  assert.notDeepEqual(
    statusWriteViolations([
      { file: REPO_FILE, text: repo.replace(/unit_id: string \| null;\s*clerk_id/, 'closed_at?: Date | null; unit_id: string | null; clerk_id') },
    ]),
    [],
    'CasePatch with closed_at',
  );
  // Comments and other tables are not offences.
  assert.deepEqual(
    statusWriteViolations([
      {
        file: 'src/x.ts',
        text: "// update cases set status\n/* update cases */ await tx.updateTable('problem_reports').set({ status: 1 }).execute(); const s = sql`update citizen_messages set status = 'sent'`;",
      },
    ]),
    [],
  );
});
