/**
 * The web app's stand-in for src/i18n/locale-files.ts (swapped in by vite.config.ts): the bundle carries
 * the source language (sr-Latn, which sr-Cyrl is derived from and every key is checked against); the
 * other languages are separate chunks, loaded by loadLocaleFile (web/src/i18n.ts) before they are shown.
 */
import SR_LATN from '../../locales/sr-Latn.json' with { type: 'json' };

export const STARTING_FILES: Readonly<Record<string, Readonly<Record<string, string>>>> = { 'sr-Latn': SR_LATN };
