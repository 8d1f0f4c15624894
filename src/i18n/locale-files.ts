/**
 * The message files every process starts with: all of them on the server. The web app's build swaps
 * this module for web/src/locale-files.web.ts (vite.config.ts), which ships only the source language
 * and loads the reader's language on first use, so a browser downloads one language, not six.
 */
import SR_LATN from '../../locales/sr-Latn.json' with { type: 'json' };
import BS from '../../locales/bs.json' with { type: 'json' };
import HR from '../../locales/hr.json' with { type: 'json' };
import CNR from '../../locales/cnr.json' with { type: 'json' };
import SL from '../../locales/sl.json' with { type: 'json' };
import EN from '../../locales/en.json' with { type: 'json' };

export const STARTING_FILES: Readonly<Record<string, Readonly<Record<string, string>>>> = { 'sr-Latn': SR_LATN, bs: BS, hr: HR, cnr: CNR, sl: SL, en: EN };
