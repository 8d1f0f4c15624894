/**
 * No message leaves Glas except through the one outbox: reading the source (as the route-auth test
 * reads the routes), only the delivery job (src/notifications/commands/deliver-message.ts) may call
 * a channel's send (the one Channel interface in src/channels/channel.ts), and nothing may talk to
 * the SMS centre or a mail server past the channels. Everything else writes a message row and lets
 * that job send it, so every message has the guarded status, retries, replay and receipts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseSync, Visitor } from 'vite';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** The only module that hands a message to a channel. */
const DELIVERY = 'src/notifications/commands/deliver-message.ts';
/**
 * Not scanned: the channels themselves (they are the send), the benchmark's raw-rate helper in them
 * (send-direct.ts, which no module of Glas may import: checked below), and the local protocol peers
 * (the SMS centre, mail server and Viber API stand-ins: the other side of the wire).
 */
const NOT_SCANNED = ['src/channels/', 'src/peers/'];
/** Protocol clients only a channel may use. */
const PROTOCOL_CLIENTS = ['nodemailer', 'smpp'];

type Node = { type: string; [k: string]: unknown };

/** The identifier an expression chain starts from: `reply` for reply.status(201).send(x), `service` for service.channels.get(c)!.send(m). */
function rootOf(node: Node | undefined): string | null {
  for (let n = node; n; ) {
    switch (n.type) {
      case 'Identifier':
        return n.name as string;
      case 'ThisExpression':
        return 'this';
      case 'MemberExpression':
        n = n.object as Node;
        break;
      case 'CallExpression':
        n = n.callee as Node;
        break;
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'AwaitExpression':
        n = (n.expression ?? n.argument) as Node;
        break;
      default:
        return null;
    }
  }
  return null;
}

const isSend = (key: Node | undefined, computed: unknown) =>
  !!key && ((!computed && key.type === 'Identifier' && key.name === 'send') || (key.type === 'Literal' && key.value === 'send'));

/** Every way a file could send past the outbox: a `.send` not on a Fastify reply, `{ send }` taken out of something, a protocol client, sendDirect. */
function scan(file: string, source: string): string[] {
  const found: string[] = [];
  const { program, errors } = parseSync(file, source);
  if (errors.length) return [`${file}: does not parse: ${errors[0]!.message}`];
  const line = (n: Node) => source.slice(0, n.start as number).split('\n').length;
  new Visitor({
    MemberExpression(n: Node) {
      if (!isSend(n.property as Node, n.computed)) return;
      const root = rootOf(n.object as Node);
      // Fastify's reply.send / reply.status(…).send answers an HTTP request; nothing else in Glas is called send.
      if (root !== 'reply') found.push(`${file}:${line(n)}: ${source.slice(n.start as number, n.end as number)}`);
    },
    // `const { send } = channel`: taking send out of an object to call it later.
    ObjectPattern(n: Node) {
      for (const p of n.properties as Node[])
        if (p.type === 'Property' && isSend(p.key as Node, p.computed)) found.push(`${file}:${line(p)}: takes send out of an object`);
    },
    ImportDeclaration(n: Node) {
      const from = (n.source as Node).value as string;
      if (PROTOCOL_CLIENTS.includes(from)) found.push(`${file}:${line(n)}: imports the protocol client ${from}`);
      if (/(^|\/)send-direct\.ts$/.test(from)) found.push(`${file}:${line(n)}: imports sendDirect, which bypasses the outbox`);
    },
  } as never).visit(program as never);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

test('the detector finds every way of sending past the outbox, and lets an HTTP reply be', () => {
  const bad = [
    `const c = service?.channels.get(m.channel); await c?.send(out);`,
    `await currentService()!.channels.get('sms')!.send({ messageId: id, to, text });`,
    `const sms = ctx.sms; void sms['send'](m);`,
    `const { send } = channel; await send(m);`,
    `import nodemailer from 'nodemailer';`,
    `import { sendDirect } from '../channels/send-direct.ts';`,
  ];
  for (const code of bad) assert.equal(scan('src/x.ts', code).length, 1, code);
  const fine = [
    `app.get('/x', async (req, reply) => reply.status(201).header('a', 'b').send({ ok: true }));`,
    `async function csv(reply: FastifyReply) { return reply\n  .type('text/csv')\n  .send(rows); }`,
    `const out: OutboundMessage = { messageId: id, to, text, send: 1 };`,
    `// channel.send(out) is the delivery job's`,
    `const task = 'notifications.send';`,
  ];
  for (const code of fine) assert.deepEqual(scan('src/x.ts', code), [], code);
});

test('no module of Glas but the delivery job hands a message to a channel', () => {
  const files = sourceFiles(SRC).map((f) => relative(ROOT, f).split(sep).join('/'));
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  const scanned = files.filter((f) => !NOT_SCANNED.some((p) => f.startsWith(p)));
  const sends = new Map(scanned.map((f) => [f, scan(f, readFileSync(join(ROOT, f), 'utf8'))]));
  assert.equal(sends.get(DELIVERY)?.length, 1, 'the delivery job itself calls channel.send once (else this test no longer sees it)');
  const elsewhere = [...sends].filter(([f]) => f !== DELIVERY).flatMap(([, found]) => found);
  assert.deepEqual(elsewhere, []);
});
