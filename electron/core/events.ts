/** A small typed emitter for the contract's EventMap: the hosts forward these to the renderer. */
import type { EventMap, EventName } from '../../shared/contract';

export type Listener<E extends EventName> = (payload: EventMap[E]) => void;

export interface EventBus {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  clear(): void;
}

export function createEventBus(): EventBus {
  const listeners = new Map<EventName, Set<Listener<EventName>>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener<EventName>);
      return () => void set.delete(listener as Listener<EventName>);
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        // A failing listener (a closed window, a dropped socket) must not break the operation.
        try {
          listener(payload);
        } catch {
          /* ignored on purpose */
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
