/**
 * Types for mailparser 3.7.5 (it ships none, and 3.9+ with newer types fails to install here).
 * Only the parts of simpleParser's result that Glas reads are declared.
 */
declare module 'mailparser' {
  import type { Readable } from 'node:stream';

  export interface AddressObject {
    value: { address?: string; name: string }[];
    text: string;
  }
  export interface Attachment {
    contentType: string;
    filename?: string;
    content: Buffer;
    size: number;
    contentDisposition?: string;
    headers: Map<string, unknown>;
  }
  export interface ParsedMail {
    headers: Map<string, unknown>;
    headerLines: { key: string; line: string }[];
    subject?: string;
    from?: AddressObject;
    to?: AddressObject | AddressObject[];
    messageId?: string;
    inReplyTo?: string;
    references?: string | string[];
    date?: Date;
    text?: string;
    html?: string | false;
    attachments: Attachment[];
  }
  export interface ParserOptions {
    skipHtmlToText?: boolean;
    skipTextToHtml?: boolean;
    skipImageLinks?: boolean;
    keepDeliveryStatus?: boolean;
  }
  export function simpleParser(source: Buffer | string | Readable, options?: ParserOptions): Promise<ParsedMail>;
}
