/** Normalises a phone number as typed at the counter to E.164; null when it cannot be a phone number. */
export function normalisePhone(input: string, countryCode: number): string | null {
  const raw = input.trim();
  if (!/^[+\d\s\-()./]+$/.test(raw)) return null;
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.indexOf('+') > 0) return null;
  if (digits.startsWith('00')) digits = '+' + digits.slice(2);
  else if (digits.startsWith('0')) digits = `+${countryCode}${digits.slice(1)}`;
  else if (!digits.startsWith('+')) digits = `+${countryCode}${digits}`;
  return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normaliseEmail(input: string): string | null {
  const s = input.trim();
  return s.length <= 254 && EMAIL.test(s) ? s.toLowerCase() : null;
}
