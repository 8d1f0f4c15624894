// Every room's messages join the catalogue before any screen renders (src/catalogue.ts).
import '../../src/catalogue.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
