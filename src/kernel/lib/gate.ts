/**
 * A first-come, first-served limit on how many calls of a kind run at once in this process.
 *
 * Registrations of one number series run one at a time anyway: each holds the series' row lock from
 * the statement that takes its number to its commit. With 32 requests let through at once, the other
 * 31 wait in PostgreSQL on that row lock, where waiters are not served in order (at each commit they all
 * wake and race again: backends busy on the lock manager, some requests passed over many times). Let
 * through a few at a time, the rest wait here, in order, costing nothing while they wait; the few are
 * enough that the next one is already waiting on the lock when the holder commits.
 */
export interface Gate {
  run<T>(f: () => Promise<T>): Promise<T>;
}

export function gate(limit: number): Gate {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async run<T>(f: () => Promise<T>): Promise<T> {
      if (running < limit) running++;
      // The slot is handed over by release(), so `running` stays counted while it passes to the next.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await f();
      } finally {
        release();
      }
    },
  };
}
