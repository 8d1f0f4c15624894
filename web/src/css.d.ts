// Vite bundles stylesheets imported by a component (with the chunk that imports it); they export nothing.
declare module '*.css';
