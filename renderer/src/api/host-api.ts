/**
 * The renderer's API is the contract itself: `invoke(channel, request)` typed by the channel
 * table, and the event subscription. No hand-written wrappers per operation.
 */
import type { AppApi, Channel, RequestOf, ResponseOf } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

/** What the store needs of its host (the preload bridge, the WebSocket client, or a test's fake). */
export type HostApi = Pick<AppApi, 'invoke' | 'subscribe'>;

/** The contract's invoke narrowed to some channels: a tool names exactly the channels it uses. */
export type InvokeOf<Cs extends Channel> = <C extends Cs>(
  channel: C,
  request: RequestOf<C>,
) => Promise<Result<ResponseOf<C>>>;
