import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Services } from '../services/create-services';

/** The WebSocket path of the pushed events. */
export const EVENTS_PATH = '/events';

/** A client this far behind gets no more progress events until it catches up (state changes still go). */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

/**
 * Pushes every contract event to the connected pages as JSON text `{ name, payload }`. Clients
 * only listen: anything they send is ignored, and messages are capped small.
 */
export class EventSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly unsubscribe: () => void;

  constructor(services: Services) {
    this.unsubscribe = services.onEvent((name, payload) => {
      const text = JSON.stringify({ name, payload });
      for (const client of this.wss.clients) {
        if (client.readyState !== WebSocket.OPEN) continue;
        if (name === 'job.progress' && client.bufferedAmount > SLOW_CLIENT_BYTES) continue;
        client.send(text);
      }
    });
  }

  /** Completes an upgrade the server has already authorized. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (client) => {
      client.on('error', () => client.terminate());
    });
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  close(): Promise<void> {
    this.unsubscribe();
    for (const client of this.wss.clients) client.terminate();
    return new Promise((done) => this.wss.close(() => done()));
  }
}
