/**
 * Report descriptions are plain text, stored exactly as given and always shown escaped. One that
 * is nothing but markup (no words once tags are set aside) says nothing about the problem and is refused.
 */
export function descriptionProblem(text: string): string | null {
  // [^<>]: a tag holds no "<", so a long run of "<a<a…" is scanned once, not from every "<".
  if (!/<[^<>]*>/.test(text)) return null;
  // Script and style bodies are code, not words about a problem.
  const words = text.replace(/<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^<>]*>/g, ' ').replace(/&[#\w]{1,32};/g, ' ');
  return /[\p{L}\p{N}]/u.test(words) ? null : 'the description contains only markup; describe the problem in words';
}

// An e-mail address, or a run of at least 8 digits written with spaces, dashes, slashes or
// parentheses between them (a phone number, a personal ID number); dots are not separators, so
// dates such as 21.11.2026 stay.
// Both start only where a match can start and are bounded, so a long run of letters or digits costs linear time.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10}/gu;
const DIGIT_RUN = /(?<!\d)\+?\d(?:[\s\-/()]{0,3}\d){7,}/g;

/**
 * The description as the public sees it: a phone number, ID number or e-mail address the citizen
 * typed into it is masked. Staff see the text as written.
 */
export function maskContacts(text: string): string {
  return text.replace(EMAIL, '***@***').replace(DIGIT_RUN, '***');
}
