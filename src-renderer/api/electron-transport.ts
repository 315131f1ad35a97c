import type { Envelope } from '../../src-core/contract/envelope';
import type { OperationName } from '../../src-core/contract/operations';
import type { ContractApi } from '../../src-core/contract/window-api';
import type { RawEventListener, Transport } from './transport';

/** The preload's `window.api`, when this page runs inside the Electron app. */
export function findElectronBridge(host: object): ContractApi | null {
  const candidate = (host as { api?: Partial<ContractApi> }).api;
  if (!candidate || candidate.transport !== 'electron') return null;
  if (typeof candidate.invoke !== 'function' || typeof candidate.onEvent !== 'function') return null;
  return candidate as ContractApi;
}

/** The transport's untyped view of the bridge: the client above it restores the types. */
type UntypedInvoke = (operation: OperationName, payload: unknown) => Promise<Envelope<unknown>>;

export function createElectronTransport(bridge: ContractApi): Transport {
  const invoke = bridge.invoke.bind(bridge) as unknown as UntypedInvoke;
  return {
    kind: 'electron',
    invoke: (operation, payload) => invoke(operation, payload),
    onEvent: (listener: RawEventListener) => bridge.onEvent((name, payload) => listener(name, payload)),
    // IPC does not drop: there is nothing to report.
    onConnectionChange: () => () => undefined,
  };
}
