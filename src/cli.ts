/**
 * `npm run glas -- <command>`: operator commands against the configured database. With the embedded
 * database, a command run while Glas serves the same GLAS_DATA_DIR uses Glas's running server and
 * leaves it running; otherwise it starts the server for itself and stops it when done.
 *   migrate                                   apply pending migrations
 *   create-admin <username> <name> <password> create an administrator (the first one, typically)
 *   create-token <username> <name> <scope,..> issue an API token acting as that user; prints it once
 *   seed-demo                                 seed the demo municipality into an empty database
 *   verify-chains [case-number]               verify the tamper-evident history of one case or all
 *   train-router                              train the report router on the confirmed reports; prints its evaluation
 *   import-reports <file> [--create-categories]  import report history from CSV or XLSX (issue 16); refused whole on any bad row
 *   reset-second-factor <username>            remove a user's second factor (the last administrator lost their phone and codes)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, prepareDatabase, makeCtx } from './runtime.ts';
import { ping, type DatabaseHandle } from './kernel/db/database.ts';
import { createStaffUser } from './organisation/commands/create-staff-user.ts';
import { createApiToken } from './organisation/commands/manage-api-tokens.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { verifyChainOf } from './cases/queries/cases.ts';
import { findUserByUsername } from './organisation/repositories/org-repository.ts';
import { caseIdsAll, findVisibleCase } from './cases/repositories/case-repository.ts';
import { SYSTEM_ACTOR, TOKEN_SCOPES, type TokenScope } from './kernel/types.ts';
import { AppError } from './kernel/lib/errors.ts';
import { t, type MessageKey, type MessageParams } from './i18n/index.ts';
import { trainRouter } from './sistem48/commands/train-router.ts';
import { importReportFile } from './sistem48/commands/import-report-file.ts';
import { resetUserSecondFactor } from './organisation/commands/remove-second-factor.ts';

const USAGE = `usage: npm run glas -- <migrate | create-admin <username> <name> <password> | create-token <username> <name> <scopes> | seed-demo | verify-chains [case-number] | train-router | import-reports <file> [--create-categories] | reset-second-factor <username>>
token scopes: ${TOKEN_SCOPES.join(', ')}`;

/** A refusal as the operator reads it: its detail worded from the catalogue (the CLI speaks English). */
function explain(e: AppError): string {
  const { detailKey, detailParams } = e.details ?? {};
  if (typeof detailKey === 'string') return t('en', detailKey as MessageKey, detailParams as MessageParams);
  return typeof e.params.detail === 'string' ? e.params.detail : e.message;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(config, (m) => console.error(m), 'cli');
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  const { handle, embedded } = opened;
  try {
    if (embedded && !embedded.owned) await waitForDatabase(handle, 30_000);
    await prepareDatabase(handle);
    const ctx = makeCtx(handle, config);
    switch (command) {
      case 'migrate':
        console.log('database is up to date');
        return 0;
      case 'create-admin': {
        const [username, name, password] = args;
        if (!username || !name || !password) {
          console.error(USAGE);
          return 2;
        }
        const u = await createStaffUser(ctx, SYSTEM_ACTOR, { username, displayName: name, password, role: 'admin' });
        console.log(`administrator ${u.username} created (${u.id})`);
        return 0;
      }
      case 'create-token': {
        const [username, name, scopeList] = args;
        if (!username || !name || !scopeList) {
          console.error(USAGE);
          return 2;
        }
        const scopes = scopeList.split(',').map((s) => s.trim());
        const bad = scopes.find((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
        if (bad) {
          console.error(`unknown scope "${bad}"; ${USAGE}`);
          return 2;
        }
        const user = await findUserByUsername(ctx.db, username);
        if (!user) {
          console.error(`no user "${username}"`);
          return 2;
        }
        const t = await createApiToken(ctx, SYSTEM_ACTOR, { name, userId: user.id, scopes: scopes as TokenScope[] });
        console.log(t.token);
        return 0;
      }
      case 'reset-second-factor': {
        const user = args[0] ? await findUserByUsername(ctx.db, args[0]) : undefined;
        if (!user) {
          console.error(args[0] ? `no user "${args[0]}"` : USAGE);
          return 2;
        }
        await resetUserSecondFactor(ctx, SYSTEM_ACTOR, user.id);
        console.log(`second factor of ${user.username} removed; their sessions ended`);
        return 0;
      }
      case 'seed-demo':
        console.log((await seedDemoIfEmpty(ctx)) ? 'demo municipality seeded' : 'the database already has users; nothing seeded');
        return 0;
      case 'verify-chains': {
        let ids: string[];
        if (args[0]) {
          const c = await findVisibleCase(ctx.db, { kind: 'all' }, { number: args[0] });
          if (!c) {
            console.error(`no case ${args[0]}`);
            return 2;
          }
          ids = [c.id];
        } else {
          ids = [];
          for (let after: string | null = null; ; ) {
            const batch = await caseIdsAll(ctx.db, after, 1000);
            if (!batch.length) break;
            ids.push(...batch);
            after = batch.at(-1)!;
          }
        }
        let broken = 0;
        for (const id of ids) {
          const v = await verifyChainOf(ctx, id);
          if (!v.ok) {
            broken++;
            console.log(`BROKEN case ${id} at event ${v.brokenAtSeq}: ${v.reason}`);
          }
        }
        console.log(`${ids.length} case histories checked, ${broken} broken`);
        return broken ? 1 : 0;
      }
      case 'train-router': {
        const r = await trainRouter(ctx, SYSTEM_ACTOR);
        const e = r.evaluation;
        const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
        console.log(`report router model ${r.version}: trained on ${r.trainingSize} reports, measured on ${r.heldOutSize} held out`);
        console.log(`top-1 ${pct(e.top1)}, top-3 ${pct(e.top3)}, macro-F1 ${e.macroF1.toFixed(3)}`);
        for (const t of e.thresholds) console.log(`  threshold ${t.threshold}: ${pct(t.coverage)} routed automatically, ${pct(t.precision)} of them right`);
        return 0;
      }
      case 'import-reports': {
        const file = args.find((a) => !a.startsWith('--'));
        const unknown = args.find((a) => a.startsWith('--') && a !== '--create-categories');
        if (!file || unknown) {
          console.error(USAGE);
          return 2;
        }
        const started = Date.now();
        const r = await importReportFile(ctx, SYSTEM_ACTOR, await readFile(file), {
          fileName: path.basename(file),
          createCategories: args.includes('--create-categories'),
        });
        for (const line of r.lines) console.log(line);
        if (r.outcome.ok) console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
        return r.outcome.ok ? 0 : 1;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (e) {
    console.error(e instanceof AppError ? `refused: ${explain(e)}` : (e as Error).message);
    return 1;
  } finally {
    await handle.close();
    await embedded?.stop();
  }
}

/** The running Glas may be starting its embedded server again right now: give it the time it needs. */
async function waitForDatabase(handle: DatabaseHandle, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    try {
      await ping(handle.db);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`the running Glas's database does not answer: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

process.exitCode = await main(process.argv.slice(2));
