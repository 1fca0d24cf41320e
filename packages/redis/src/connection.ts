/**
 * The few things the store needs from a Redis client, over the two clients it
 * supports. Both are reached by their raw-command entry (`sendCommand` / `call`), so
 * neither client's typed command API (which differ, and change between majors) is
 * relied on, and neither is imported: the user's own client is handed in.
 */

/** The shape of a node-redis (`redis`) client that the store uses. */
export interface NodeRedisClient {
  sendCommand(args: string[], options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  duplicate(): NodeRedisSubscriber;
}

/** A node-redis client in subscriber mode, made by `duplicate()`. */
export interface NodeRedisSubscriber {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'error' | 'ready', listener: (error?: unknown) => void): unknown;
  destroy(): void;
}

/** The shape of an ioredis client that the store uses. */
export interface IORedisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
  duplicate(): IORedisSubscriber;
}

/** An ioredis connection in subscriber mode, made by `duplicate()`. */
export interface IORedisSubscriber {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'error' | 'ready', listener: (error?: unknown) => void): unknown;
  disconnect(): void;
}

export type RedisClient = NodeRedisClient | IORedisClient;

/** One command to Redis; `signal` aborts it where the client can (node-redis drops it from its queue). */
export type SendCommand = (args: string[], signal: AbortSignal) => Promise<unknown>;

/** A connection in subscriber mode: one per store, for every key's channel. */
export interface Subscriber {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  close(): void;
}

export interface SubscriberEvents {
  message(channel: string, message: string): void;
  error(error: unknown): void;
  /** The connection is (again) subscribed after a reconnect: messages may have been missed. */
  reconnected(): void;
}

const isIORedis = (client: RedisClient): client is IORedisClient => typeof (client as IORedisClient).call === 'function';

export function commandSender(client: RedisClient): SendCommand {
  if (isIORedis(client)) return ([command, ...args]) => client.call(command!, ...args);
  return (args, abortSignal) => client.sendCommand(args, { abortSignal });
}

/** Opens the store's subscriber connection: a duplicate of the user's client, which stays free for commands. */
export function openSubscriber(client: RedisClient, events: SubscriberEvents): Subscriber {
  let readyBefore = false;
  const onReady = () => {
    if (readyBefore) events.reconnected();
    readyBefore = true;
  };
  if (isIORedis(client)) {
    const connection = client.duplicate();
    connection.on('error', events.error);
    connection.on('ready', onReady);
    connection.on('message', events.message);
    return {
      subscribe: (channel) => connection.subscribe(channel),
      unsubscribe: (channel) => connection.unsubscribe(channel),
      close: () => connection.disconnect(),
    };
  }
  const connection = client.duplicate();
  connection.on('error', events.error);
  connection.on('ready', onReady);
  const connected = connection.connect();
  // A failed connect is reported through `error` (and retried by the client); the
  // subscribe calls below wait on it and are bounded by the store.
  connected.catch(() => {});
  return {
    subscribe: async (channel) => {
      await connected;
      return connection.subscribe(channel, (message, from) => events.message(from, message));
    },
    unsubscribe: async (channel) => {
      await connected;
      return connection.unsubscribe(channel);
    },
    close: () => connection.destroy(),
  };
}
