/**
 * The content type a file really has, from its first bytes. The browser's declared type is only
 * trusted to tell apart formats that share a container (DOCX and ODT are both ZIP files).
 */
export function sniffContentType(head: Buffer, declared: string): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const text = head.toString('latin1');
    if (text.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
    if (text.includes('word/') || declared === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
    return 'application/zip';
  }
  if (!head.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(head));
      return 'text/plain';
    } catch {
      return null;
    }
  }
  return null;
}

// The 4 KiB head may cut a multi-byte character in two; drop that tail before validating.
function trimPartialUtf8(b: Buffer): Buffer {
  let end = b.length;
  for (let i = Math.max(0, b.length - 3); i < b.length; i++) {
    const byte = b[i]!;
    if (byte >= 0xc0) {
      end = i;
      break;
    }
  }
  return b.subarray(0, end);
}
