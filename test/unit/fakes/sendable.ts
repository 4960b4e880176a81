/** Asserts a request the renderer sent would pass the core's schema and fit one browser-host message. */
import { expect } from 'vitest';
import { MAX_REQUEST_JSON_BYTES, jsonBytes } from '../../../shared/request-limits';
import { type Channel, type RequestOf, requestSchemas } from '../../../shared/contract';

export function expectSendable<C extends Channel>(channel: C, request: RequestOf<C>): void {
  expect(requestSchemas[channel].safeParse(request).success).toBe(true);
  expect(jsonBytes({ type: 'invoke', id: 1, channel, request })).toBeLessThanOrEqual(MAX_REQUEST_JSON_BYTES);
}
