/**
 * The client behind the HTTP request being served (its address and browser), for the audit trail. The HTTP
 * platform runs each request's handler inside `withRequestClient`, so every command it calls, however deep,
 * records where a change came from without each of them taking it as an argument. Outside a request (jobs,
 * the command line, inbound SMS) there is none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestClient {
  /** The peer's address, or the client's as the reverse proxy says only when GLAS_TRUST_PROXY is on (Fastify's req.ip). */
  ip: string;
  userAgent: string | null;
}

const store = new AsyncLocalStorage<RequestClient>();

/** A user agent is kept up to this many characters: enough to tell a browser, not a place to store a payload. */
const USER_AGENT_MAX = 300;

export function withRequestClient<T>(client: RequestClient, fn: () => T): T {
  return store.run({ ip: client.ip, userAgent: client.userAgent ? client.userAgent.slice(0, USER_AGENT_MAX) : null }, fn);
}

export const currentRequestClient = (): RequestClient | null => store.getStore() ?? null;
