/**
 * A small XML writer for the Open311 documents: elements, text escaped, characters XML 1.0 forbids
 * dropped. Values are plain data (objects become elements, arrays repeat an element), so the same
 * object that is sent as JSON is written as XML.
 */
export type XmlValue = string | number | boolean | null | undefined | Date | XmlValue[] | { [name: string]: XmlValue };

// Control characters other than tab, line feed and carriage return cannot appear in XML 1.0 at all.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function checkName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`not an XML element name: ${name}`);
  return name;
}

function write(name: string, v: XmlValue, out: string[], itemNames: Readonly<Record<string, string>>): void {
  const tag = checkName(name);
  if (Array.isArray(v)) {
    const item = itemNames[name];
    if (!item) {
      for (const x of v) write(name, x, out, itemNames);
      return;
    }
    out.push(`<${tag}>`);
    for (const x of v) write(item, x, out, itemNames);
    out.push(`</${tag}>`);
    return;
  }
  if (v === null || v === undefined || v === '') {
    out.push(`<${tag}/>`);
    return;
  }
  if (v instanceof Date) {
    out.push(`<${tag}>${v.toISOString()}</${tag}>`);
    return;
  }
  if (typeof v === 'object') {
    out.push(`<${tag}>`);
    for (const [k, x] of Object.entries(v)) write(k, x, out, itemNames);
    out.push(`</${tag}>`);
    return;
  }
  out.push(`<${tag}>${escapeXml(String(v))}</${tag}>`);
}

/**
 * A whole document: `root` holds one `item` element per entry of `items`. `itemNames` says which
 * nested arrays are wrapped (e.g. attributes → attribute); other arrays repeat their own element.
 */
export function xmlDocument(root: string, item: string, items: readonly XmlValue[], itemNames: Readonly<Record<string, string>> = {}): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>', `<${checkName(root)}>`];
  for (const x of items) write(item, x, out, itemNames);
  out.push(`</${root}>`);
  return out.join('');
}

/** A document whose root is one object (discovery, a service definition). */
export function xmlObject(root: string, value: { [name: string]: XmlValue }, itemNames: Readonly<Record<string, string>> = {}): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  write(root, value, out, itemNames);
  return out.join('');
}
