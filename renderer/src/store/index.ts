export { createAppStore } from './create-store';
export { StoreProvider, useApp, useAppStore } from './react';
export * from './selectors';
export type * from './types';
