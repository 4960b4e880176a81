import type { Core } from '../core/create-core';

/** The part of the core the browser host needs (tests hand it a small stand-in). */
export type HostedCore = Pick<
  Core,
  'invoke' | 'onEvent' | 'openObjectStream' | 'answerPreview' | 'receiveStagedUpload'
>;
