// Stylesheets are imported for their side effect (Vite bundles them). The renderer's own
// tsconfig knows this from vite/client; this says the same for other configs that include
// renderer files (test/tsconfig.json).
declare module '*.css';
