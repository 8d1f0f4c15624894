/**
 * The notification module: every step of a case reaches its parties on the channel they chose.
 * Outbox writer (messages and jobs in the event's transaction), delivery tasks, channels and, in the
 * demo, the local peers. See docs/NOTIFICATIONS.md for the whole path.
 */
import { demoPhoneRoutes } from './http/demo-phone.ts';
import type { GlasModule } from '../kernel/module.ts';
import { notificationOutbox } from './commands/write-event-notifications.ts';
import { scheduleReplay } from './commands/replay-stuck-messages.ts';
import { notificationRoutes } from './http/routes.ts';
import { notificationTasks } from './tasks.ts';
import { currentService, setCurrentService } from './service.ts';
import { startNotificationService } from './start.ts';
import { startHeartbeat } from './sender-heartbeat.ts';
import { batchSender } from './commands/send-queued-batches.ts';

let stopHeartbeat: (() => void) | null = null;

export const notificationsModule: GlasModule = {
  name: 'notifications',
  routes: [notificationRoutes, demoPhoneRoutes],
  outbox: [notificationOutbox],
  tasks: notificationTasks,
  workerLoops: (ctx) => (ctx.config.notifyBatch ? [batchSender(ctx)] : []),
  async start(ctx) {
    stopHeartbeat = startHeartbeat(ctx);
    setCurrentService(await startNotificationService(ctx));
    await scheduleReplay(ctx);
  },
  async stop() {
    stopHeartbeat?.();
    stopHeartbeat = null;
    const s = currentService();
    setCurrentService(null);
    await s?.stop();
  },
};
