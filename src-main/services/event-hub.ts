import { messageOf } from '../../src-core/errors';
import type { ContractEvents, EventName } from '../../src-core/contract/operations';
import type { ServiceLogger } from './logger';

export type ServiceEventListener = <E extends EventName>(name: E, payload: ContractEvents[E]) => void;

/** Fan-out of contract events to the transports; a failing listener is logged and never stops the others. */
export class EventHub {
  private readonly listeners = new Set<ServiceEventListener>();

  constructor(private readonly logger: ServiceLogger) {}

  /** Returns the function that removes the listener. */
  subscribe(listener: ServiceEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventName>(name: E, payload: ContractEvents[E]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        this.logger.error(`an event listener failed on ${name}: ${messageOf(error)}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
