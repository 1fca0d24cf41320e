import type { ParamsOption } from 'openapi-fetch';
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

/** Per-call options beside the operation's params and body. */
export interface CallOptions {
  /** Extra headers for this call (the negotiated `Accept`/`Content-Type` win over these). */
  headers?: Record<string, string>;
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
export type CallInit<Op, Version, Media> = ParamsOption<Op> &
  BodyOption<Op, SelectedMediaType<Op, Version, Media>> &
  CallOptions & {
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

export type ApiMethod<Paths, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Version extends DeclaredVersion<Operation<Paths, Path, Method>> | undefined = undefined,
  Media extends DeclaredMediaType<Operation<Paths, Path, Method>> | undefined = undefined,
>(
  path: Path,
  ...init: InitArgs<CallInit<Operation<Paths, Path, Method>, Version, Media>>
) => Promise<
  ApiResult<
    ResponseDataFor<Operation<Paths, Path, Method>, SelectedMediaType<Operation<Paths, Path, Method>, Version, Media>>,
    ErrorBody<Operation<Paths, Path, Method>>
  >
>;

/** The whole spec as a typed client, one method per HTTP method. */
export type ApiClient<Paths> = {
  [M in HttpMethod as Uppercase<M>]: ApiMethod<Paths, M>;
};
