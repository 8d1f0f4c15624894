/**
 * Changes that every Glas process on the database must follow at once, though each keeps its own copy of
 * what changed in memory (the installation's wording). The process that makes the change announces it
 * in its transaction (PostgreSQL's NOTIFY is delivered at commit, and not at all on rollback); every
 * process listens on one connection of its own and runs the follower's handler.
 *
 * pg-listen keeps that connection: it reconnects without end (every half second) when the database goes
 * away, and LISTENs again. A change announced while a process was not listening is never delivered to
 * it, so after every reconnection each handler runs once as if told: it reloads what it keeps.
 */
import pgListen from 'pg-listen';

// pg-listen is CommonJS with its function on `exports.default`: Node's import gives the whole exports object.
const createSubscriber = pgListen.default;

export type ChangeHandler = () => Promise<void>;

export interface ChangeFeed {
  /** Runs `onChange` after every commit that announced `channel`, in this process and every other one. */
  follow(channel: string, onChange: ChangeHandler): Promise<void>;
  close(): Promise<void>;
}

type Log = (message: string, at?: number, fields?: Record<string, unknown>) => void;

export async function openChangeFeed(url: string, log: Log): Promise<ChangeFeed> {
  const subscriber = createSubscriber(
    // Named, so an operator (and a test) can tell this connection in pg_stat_activity.
    { connectionString: url, application_name: 'glas-changes' },
    { retryTimeout: Number.POSITIVE_INFINITY, retryInterval: 500 },
  );
  const handlers: { channel: string; handler: ChangeHandler }[] = [];
  const run = (channel: string, handler: ChangeHandler) => {
    handler().then(
      () => log('followed a change', 20, { channel }),
      (e: unknown) => log(`could not follow a change (${(e as Error).message}); the next change or reconnection tries again`, 40, { channel }),
    );
  };
  let connectedOnce = false;
  let lost = false;
  subscriber.events.on('connected', () => {
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    lost = false;
    log('listening for changes again', 30);
    for (const { channel, handler } of handlers) run(channel, handler);
  });
  subscriber.events.on('reconnect', (attempt) => {
    if (!lost) log('lost the connection that listens for changes; reconnecting', 40, { attempt });
    lost = true;
  });
  subscriber.events.on('error', (e) => log(`listening for changes: ${e.message}`, 50));
  await subscriber.connect();
  return {
    async follow(channel, onChange) {
      handlers.push({ channel, handler: onChange });
      subscriber.notifications.on(channel, () => run(channel, onChange));
      await subscriber.listenTo(channel);
    },
    close: () => subscriber.close(),
  };
}
