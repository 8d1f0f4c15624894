/** Builds the staff web app (web/) into web/dist, which the Glas server serves with an SPA fallback. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./web', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    // The browser starts with the source language only and loads the reader's on first use
    // (src/i18n/locale-files.ts is the server's: every language from the start).
    alias: [{ find: /^\.\/locale-files\.ts$/, replacement: fileURLToPath(new URL('./web/src/locale-files.web.ts', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The catalogue is shared with the server; one bundle is small enough that splitting buys nothing.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // The web app imports the server's i18n catalogue and domain unions from src/.
    fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] },
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
