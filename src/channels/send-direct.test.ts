import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendDirect } from './send-direct.ts';
import { SmppChannel } from './smpp-channel.ts';
import { startSmsc } from '../peers/smsc-server.ts';

test('sendDirect pushes a batch through a pipelined, rate-limited SMPP channel and counts the outcomes', async (t) => {
  const smsc = await startSmsc({ systemId: 'bench', password: 'pw' });
  const channel = new SmppChannel({
    host: '127.0.0.1',
    port: smsc.port,
    systemId: 'bench',
    password: 'pw',
    sourceAddr: 'Glas',
    maxInFlight: 4,
    ratePerSecond: 10_000,
    registeredDelivery: false,
  });
  t.after(async () => {
    await channel.close();
    await smsc.close();
  });
  assert.equal(await channel.waitUntilBound(3000), true);
  const messages = Array.from({ length: 60 }, (_, i) => ({
    messageId: `m-${i}`,
    to: i === 59 ? 'invalid' : `+3826700${String(i).padStart(4, '0')}`,
    text: i % 10 === 0 ? 'x'.repeat(200) : `Poruka ${i}`,
  }));
  const stats = await sendDirect(channel, messages, { concurrency: 8 });
  assert.equal(stats.sent, 59);
  assert.equal(stats.permanent, 1);
  assert.equal(stats.retryable, 0);
  assert.equal(stats.parts, 59 + 6);
  assert.equal(smsc.received().length, 59);
  assert.equal(smsc.stats().accepted, 65);
});
