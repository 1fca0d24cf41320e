/**
 * The store's pub/sub side: one subscriber connection (opened on first use) carrying
 * one channel per key, the channel subscribed while anyone listens to it. Messages
 * are `<origin> <kind>`: the origin is the id of the store that sent it, so a store's
 * watchers hear only other stores; lock waiters hear everything.
 */
import { bounded } from './bounded';
import { openSubscriber, type RedisClient, type Subscriber } from './connection';

export type MessageKind = 'set' | 'delete' | 'unlock';

export interface ChannelMessage {
  readonly origin: string;
  /** `resync` when the subscriber reconnected and may have missed messages. */
  readonly kind: MessageKind | 'resync';
}

type Listener = (message: ChannelMessage) => void;

export interface Channels {
  /** Listens to `channel`; resolves once Redis confirmed the subscription (bounded), rejects if it did not. */
  listen(channel: string, listener: Listener): { ready: Promise<unknown>; stop(): void };
  close(): void;
}

export const formatMessage = (origin: string, kind: MessageKind) => `${origin} ${kind}`;

export function createChannels(client: RedisClient, timeoutMs: number, onError: (operation: string, error: unknown) => void): Channels {
  const listeners = new Map<string, Set<Listener>>();
  const subscriptions = new Map<string, Promise<unknown>>();
  let subscriber: Subscriber | undefined;
  let closed = false;

  const dispatch = (channel: string, message: ChannelMessage) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(message);
  };
  const connection = () =>
    (subscriber ??= openSubscriber(client, {
      message(channel, text) {
        const [origin = '', kind] = text.split(' ');
        if (kind === 'set' || kind === 'delete' || kind === 'unlock') dispatch(channel, { origin, kind });
      },
      error: (error) => onError('subscriber', error),
      reconnected() {
        for (const channel of listeners.keys()) dispatch(channel, { origin: '', kind: 'resync' });
      },
    }));

  return {
    listen(channel, listener) {
      if (closed) return { ready: Promise.reject(new Error('@tokens/redis: the store is closed')), stop() {} };
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      let ready = subscriptions.get(channel);
      if (!ready) {
        ready = bounded(`SUBSCRIBE ${channel}`, timeoutMs, () => connection().subscribe(channel));
        // A failed subscription is retried by the next listener.
        ready.catch((error) => {
          if (subscriptions.get(channel) === ready) subscriptions.delete(channel);
          onError('subscribe', error);
        });
        subscriptions.set(channel, ready);
      }
      return {
        ready,
        stop() {
          set.delete(listener);
          if (set.size > 0 || listeners.get(channel) !== set) return;
          listeners.delete(channel);
          subscriptions.delete(channel);
          subscriber?.unsubscribe(channel).catch((error) => onError('unsubscribe', error));
        },
      };
    },
    close() {
      closed = true;
      listeners.clear();
      subscriptions.clear();
      subscriber?.close();
      subscriber = undefined;
    },
  };
}
