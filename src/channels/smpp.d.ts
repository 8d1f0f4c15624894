/**
 * Types for npm smpp 0.5.1, which ships none. Only what Glas uses is declared; PDU fields are
 * loose because the library copies every parameter and TLV onto the PDU object by name.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
  }

  export type ResponseCallback = (pdu: PDU) => void;
  type Command = (options?: Record<string, unknown>, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback) => boolean;

  export interface Session extends EventEmitter {
    socket: Socket;
    server?: Server;
    send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver: Command;
    bind_transmitter: Command;
    bind_receiver: Command;
    submit_sm: Command;
    deliver_sm: Command;
    enquire_link: Command;
    unbind: Command;
    generic_nack: Command;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export interface SessionOptions {
    host?: string;
    port?: number;
    tls?: boolean;
    auto_enquire_link_period?: number;
    socket?: Socket;
  }

  const smpp: {
    createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
    connect(options: SessionOptions, listener?: () => void): Session;
    Session: new (options: SessionOptions) => Session;
    PDU: new (command: string, options?: Record<string, unknown>) => PDU;
    errors: Record<string, number>;
  };
  export default smpp;
}
