// Stylesheets: base.css is imported for its side effect, components import their CSS Modules
// (Vite bundles both). Loosely typed on purpose: with noUncheckedIndexedAccess, vite/client's
// `{ [key: string]: string }` would make every `styles.x` a `string | undefined`. A class
// missing from its module (or left unused) fails test/unit/renderer-css-modules.test.ts instead.
declare module '*.css';
