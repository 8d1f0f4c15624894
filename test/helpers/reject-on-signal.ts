/**
 * Preloaded into a Glas process by a test (node --import): on SIGUSR2, a promise that nobody waits
 * for fails, as graphile-worker's unawaited record of a job's failure does when PostgreSQL is gone.
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('Failed to fail job: connect ECONNREFUSED (injected by the test)'));
});
