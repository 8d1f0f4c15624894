/**
 * The contract of a Glas module: what a feature contributes to the running process. The composition
 * root (src/modules.ts) lists the modules; the HTTP app, the job worker and the outbox get their parts
 * from it, so nothing on the ground floor imports a feature.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TaskList } from 'graphile-worker';
import type { Ctx, OutboxWriter } from './context.ts';

export type RouteModule = (app: FastifyInstance, ctx: Ctx) => void;

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
  tasks?: (ctx: Ctx) => TaskList;
  /** Recurring jobs, as graphile-worker crontab lines naming tasks of this module; run once per due time across all processes. */
  cron?: string[];
  /** Runs after migrations, before the HTTP server listens (e.g. connect to the SMS centre). */
  start?: (ctx: Ctx) => Promise<void>;
  stop?: () => Promise<void>;
}
