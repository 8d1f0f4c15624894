/**
 * The contract of a Glas module: what a feature contributes to the running process. The composition
 * root (src/modules.ts) lists the modules; the HTTP app, the job worker and the outbox get their parts
 * from it, so nothing on the ground floor imports a feature.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { TaskList } from 'graphile-worker';
import type { Ctx, HistoryWriter, OutboxWriter } from './context.ts';

/**
 * The app as route modules see it: each handler's body, query and params are typed from the JSON schemas
 * that validate them (json-schema-to-ts), so a schema and its handler cannot drift apart. Inline schemas
 * need `as const` for their literal types to reach the handler.
 */
export type RouteApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, JsonSchemaToTsProvider>;

export type RouteModule = (app: RouteApp, ctx: Ctx) => void;

/**
 * Answers an address Fastify's router refused before any route ran (bad percent-encoding, a
 * parameter over the length limit) in the shape of the API that owns the address; undefined: not ours.
 */
export type AddressErrorRenderer = (url: string, status: number, detail: string, reply: FastifyReply) => FastifyReply | undefined;

export interface GlasModule {
  name: string;
  routes?: RouteModule[];
  addressErrors?: AddressErrorRenderer[];
  outbox?: OutboxWriter[];
  /** What follows imported history events on the record (context.ts HistoryWriter). */
  history?: HistoryWriter[];
  tasks?: (ctx: Ctx) => TaskList;
  /** Recurring jobs, as graphile-worker crontab lines naming tasks of this module; run once per due time across all processes. */
  cron?: string[];
  /** Runs after migrations, before the HTTP server listens (e.g. connect to the SMS centre). */
  start?: (ctx: Ctx) => Promise<void>;
  stop?: () => Promise<void>;
  /**
   * Loops run by the job worker beside its jobs, started and stopped with it (the notification
   * module's batch sender); each start returns the function that stops it once its work in hand is done.
   */
  workerLoops?: (ctx: Ctx) => WorkerLoop[];
}

export interface WorkerLoop {
  /** Starts the loop; returns the function that stops it once its work in hand is done. */
  start: () => () => Promise<void>;
  /** graphile-worker job flags of jobs this loop does itself: the worker beside it does not run them. */
  replacesJobsFlagged?: string[];
}
