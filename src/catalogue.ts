/**
 * The message catalogue: locales/<locale>.json, one ICU MessageFormat file per handwritten language,
 * loaded by src/i18n/catalog.ts (sr-Cyrl derived from sr-Latn). Imported by the server's composition
 * root (modules.ts) and by the web app (web/src/i18n.ts), so both load the same messages.
 */
import './i18n/catalog.ts';
