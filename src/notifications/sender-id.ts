import { randomUUID } from 'node:crypto';

/** This process's sender id: stamped on the messages it claims, and on its heartbeat (sender-heartbeat.ts). */
export const SENDER_ID = randomUUID();
