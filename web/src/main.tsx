// Every room's messages join the catalogue before any screen renders (src/catalogue.ts).
import '../../src/catalogue.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initialLocale, loadLocaleFile } from './i18n.ts';

// The first screen is drawn in the reader's language: its messages are loaded before it.
await loadLocaleFile(initialLocale()).catch(() => {});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
