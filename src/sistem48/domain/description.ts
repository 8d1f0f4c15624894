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
