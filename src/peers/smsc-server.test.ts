import { test } from 'node:test';
import assert from 'node:assert/strict';
import smpp from 'smpp';
import type { PDU, Session } from 'smpp';
import { startSmsc } from './smsc-server.ts';

function connect(port: number): Promise<Session> {
  return new Promise((resolve, reject) => {
    const session = smpp.connect({ host: '127.0.0.1', port });
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}

function call(
  session: Session,
  command: 'bind_transceiver' | 'bind_receiver' | 'bind_transmitter' | 'submit_sm' | 'enquire_link',
  options: Record<string, unknown>,
): Promise<PDU> {
  return new Promise((resolve) => session[command](options, resolve));
}

function closeSession(session: Session): Promise<void> {
  return new Promise((resolve) => (session.socket.destroyed ? resolve() : session.destroy(resolve)));
}

test('a bind with a wrong password is refused with ESME_RINVPASWD, an unknown system id with ESME_RINVSYSID', async (t) => {
  const smsc = await startSmsc({ systemId: 'glas', password: 'secret' });
  const session = await connect(smsc.port);
  t.after(async () => {
    await closeSession(session);
    await smsc.close();
  });
  assert.equal((await call(session, 'bind_transceiver', { system_id: 'glas', password: 'nope' })).command_status, 0x0e);
  assert.equal((await call(session, 'bind_transceiver', { system_id: 'other', password: 'secret' })).command_status, 0x0f);
  assert.equal(smsc.stats().bindFailures, 2);
  assert.equal(smsc.boundSessions(), 0);
});

test('submit_sm before bind, or on a receiver bind, is refused with ESME_RINVBNDSTS', async (t) => {
  const smsc = await startSmsc({ systemId: 'glas', password: 'secret' });
  const session = await connect(smsc.port);
  t.after(async () => {
    await closeSession(session);
    await smsc.close();
  });
  const submit = { destination_addr: '38267000001', data_coding: 0, short_message: Buffer.from([0x41]) };
  assert.equal((await call(session, 'submit_sm', submit)).command_status, 0x04);
  assert.equal((await call(session, 'bind_receiver', { system_id: 'glas', password: 'secret' })).command_status, 0);
  assert.equal((await call(session, 'submit_sm', submit)).command_status, 0x04);
  assert.equal((await call(session, 'enquire_link', {})).command_status, 0);
});

test("receipts and citizens' SMS wait at the SMSC until a receiver binds (store and forward)", async (t) => {
  const smsc = await startSmsc({ systemId: 'glas', password: 'secret' });
  const tx = await connect(smsc.port);
  let rx: Session | null = null;
  t.after(async () => {
    await closeSession(tx);
    if (rx) await closeSession(rx);
    await smsc.close();
  });
  assert.equal((await call(tx, 'bind_transmitter', { system_id: 'glas', password: 'secret' })).command_status, 0);
  const resp = await call(tx, 'submit_sm', {
    source_addr: 'Glas',
    destination_addr: '38267000001',
    registered_delivery: 1,
    data_coding: 0,
    short_message: Buffer.from([0x41]),
  });
  const id = String(resp.message_id);
  const inbound = smsc.injectInbound('+38267111222', '1234', 'Zdravo');

  rx = await connect(smsc.port);
  const received: PDU[] = [];
  const both = new Promise<void>((resolve) => {
    rx!.on('deliver_sm', (pdu: PDU) => {
      received.push(pdu);
      rx!.send(pdu.response());
      if (received.length === 2) resolve();
    });
  });
  await call(rx, 'bind_receiver', { system_id: 'glas', password: 'secret' });
  await both;
  assert.equal(await inbound, true);
  const receipt = received.find((p) => p.esm_class === 0x04);
  assert.ok(receipt);
  assert.equal(receipt.receipted_message_id, id);
  assert.match(String((receipt.short_message as { message: string }).message), new RegExp(`^id:${id} .*stat:DELIVRD`));
  const sms = received.find((p) => p.esm_class === 0);
  assert.ok(sms);
  assert.equal((sms.short_message as { message: string }).message, 'Zdravo');
});
