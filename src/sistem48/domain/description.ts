/**
 * Report descriptions are plain text, stored exactly as given and always shown escaped. One that
 * is nothing but markup (no words once tags are set aside) says nothing about the problem and is refused.
 */
export function descriptionProblem(text: string): string | null {
  if (!/<[^>]*>/.test(text)) return null;
  // Script and style bodies are code, not words about a problem.
  const words = text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/&[#\w]+;/g, ' ');
  return /[\p{L}\p{N}]/u.test(words) ? null : 'the description contains only markup; describe the problem in words';
}

// An e-mail address, or a run of at least 8 digits written with spaces, dashes, slashes or
// parentheses between them (a phone number, a personal ID number); dots are not separators, so
// dates such as 21.11.2026 stay.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const DIGIT_RUN = /\+?\d(?:[\s\-/()]*\d){7,}/g;

/**
 * The description as the public sees it: a phone number, ID number or e-mail address the citizen
 * typed into it is masked. Staff see the text as written.
 */
export function maskContacts(text: string): string {
  return text.replace(EMAIL, '***@***').replace(DIGIT_RUN, '***');
}
