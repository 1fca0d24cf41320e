import type {
  BodySerializer,
  HeadersOptions,
  Middleware,
  ParamsOption,
  ParseAs,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from 'openapi-fetch';
import type { ApiError } from './errors';
import type {
  BodyOption,
  DeclaredMediaType,
  DeclaredVersion,
  ErrorBody,
  HttpMethod,
  PathsWithMethod,
  ResponseDataFor,
  SelectedMediaType,
} from './negotiation';

/** Per-call options beside the operation's params and body: openapi-fetch's, and ours. */
export interface CallOptions extends Omit<RequestInit, 'body' | 'headers' | 'method' | 'signal'> {
  /** Extra headers for this call, as openapi-fetch takes them (`null` removes one); an explicit `version`/`mediaType` wins over their `Accept`/`Content-Type`. */
  headers?: HeadersOptions;
  /** Another base URL for this call. */
  baseUrl?: string;
  /** Another fetch for this call (called with a `Request`), under the same timeouts and retries. */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /** Another `Request` class for this call. */
  Request?: typeof Request;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  bodySerializer?: BodySerializer<unknown>;
  pathSerializer?: PathSerializer;
  /** Middleware for this call only, after the client's (`use`). */
  middleware?: Middleware[];
  /** Aborting it rejects the call with the signal's reason (an `AbortError` unless you gave another). */
  signal?: AbortSignal;
  /** Per attempt; overrides the client's. */
  timeoutMs?: number;
  /** Overrides the client's; `0` makes exactly one attempt. */
  maxRetries?: number;
}

type Operation<Paths, Path, Method extends HttpMethod> = Path extends keyof Paths
  ? Paths[Path] extends { [M in Method]: infer Op } ? Op : never
  : never;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** What a call takes: params and body from the spec, the media-type selection, and call options. */
export type CallInit<Op, Version, Media, Parse extends ParseAs = 'json'> = ParamsOption<Op> &
  BodyOption<Op, SelectedMediaType<Op, Version, Media>> &
  CallOptions & {
    /** How a successful answer's body is read, as in openapi-fetch. Default `json` (read by its media type, never a SyntaxError). */
    parseAs?: Parse;
    /** Picks `application/json;version=N`: sent as `Content-Type` (with a body) and `Accept`, and it selects the types. */
    version?: Version;
    /** Picks any media type the operation declares, the same way (not with `version`). */
    mediaType?: Media & ([Version] extends [number] ? never : unknown);
  };

type InitArgs<Init> = RequiredKeys<Init> extends never ? [init?: Init] : [init: Init];

/** The outcome of a call that got an HTTP answer: `data` of the selected media type, or an `ApiError`. */
export type ApiResult<Data, Err> =
  | { data: Data; error?: undefined; response: Response }
  | { data?: undefined; error: ApiError<Err>; response: Response };

/** `data` as `parseAs` reads it. */
type ParsedData<Data, Parse extends ParseAs> = Parse extends 'json'
  ? Data
  : Parse extends 'text'
    ? string
    : Parse extends 'blob'
      ? Blob
      : Parse extends 'arrayBuffer'
        ? ArrayBuffer
        : ReadableStream<Uint8Array> | null;

/** The result of calling `Op` with the given selection. */
type ResultOf<Op, Version, Media, Parse extends ParseAs> = Promise<
  ApiResult<ParsedData<ResponseDataFor<Op, SelectedMediaType<Op, Version, Media>>, Parse>, ErrorBody<Op>>
>;

export type ApiMethod<Paths, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Version extends DeclaredVersion<Operation<Paths, Path, Method>> | undefined = undefined,
  Media extends DeclaredMediaType<Operation<Paths, Path, Method>> | undefined = undefined,
  Parse extends ParseAs = 'json',
>(
  path: Path,
  ...init: InitArgs<CallInit<Operation<Paths, Path, Method>, Version, Media, Parse>>
) => ResultOf<Operation<Paths, Path, Method>, Version, Media, Parse>;

/** One path's method, for the path-based client: `api['/token'].POST({ … })`. */
export type ApiPathMethod<Op> = <
  Version extends DeclaredVersion<Op> | undefined = undefined,
  Media extends DeclaredMediaType<Op> | undefined = undefined,
  Parse extends ParseAs = 'json',
>(
  ...init: InitArgs<CallInit<Op, Version, Media, Parse>>
) => ResultOf<Op, Version, Media, Parse>;

/**
 * The whole spec as a typed openapi-fetch client: one method per HTTP method,
 * `request(method, path, init)`, and `use`/`eject` for middleware.
 */
export type ApiClient<Paths> = {
  [M in HttpMethod as Uppercase<M>]: ApiMethod<Paths, M>;
} & {
  /** Calls any method by name, as openapi-fetch's `request`. */
  request<
    Method extends HttpMethod,
    Path extends PathsWithMethod<Paths, Method>,
    Version extends DeclaredVersion<Operation<Paths, Path, Method>> | undefined = undefined,
    Media extends DeclaredMediaType<Operation<Paths, Path, Method>> | undefined = undefined,
    Parse extends ParseAs = 'json',
  >(
    method: Method,
    path: Path,
    ...init: InitArgs<CallInit<Operation<Paths, Path, Method>, Version, Media, Parse>>
  ): ResultOf<Operation<Paths, Path, Method>, Version, Media, Parse>;
  /** Registers middleware, run once per call (around all its attempts). */
  use(...middleware: Middleware[]): void;
  /** Unregisters middleware. */
  eject(...middleware: Middleware[]): void;
};

/** `api` by path, as openapi-fetch's path-based client: `api['/widgets/{id}'].GET({ params })`. */
export type PathBasedApiClient<Paths> = {
  [Path in keyof Paths]: {
    [M in HttpMethod as Paths[Path] extends { [K in M]: infer Op } ? ([Op] extends [undefined] ? never : Uppercase<M>) : never]: ApiPathMethod<
      Operation<Paths, Path, M>
    >;
  };
};
