/**
 * Type-level media-type negotiation over openapi-typescript's generated `paths`:
 * which media types an operation declares, which one a call's `version` /
 * `mediaType` selects, and the request body and response data of that one.
 * openapi-fetch types a body as the union of every media type and `data` as the
 * union of every version; these types narrow both to the selected media type.
 */

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** Paths of the spec that have an operation for `Method`. */
export type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [M in Method]: infer Op } ? ([Op] extends [undefined] ? never : P) : never;
}[keyof Paths] &
  string;

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
type Unquote<S extends string> = S extends `"${infer V}"` ? V : S;
type ParamList<S extends string> = S extends `${infer Head};${infer Rest}` ? Trim<Head> | ParamList<Rest> : Trim<S>;
type ParamValue<Params extends string, Name extends string> =
  Params extends `${infer Key}=${infer Value}` ? (Lowercase<Trim<Key>> extends Name ? Unquote<Trim<Value>> : never) : never;

/** The media type without parameters, lower-cased: `application/json;version=2` → `application/json`. */
export type MediaTypeEssence<K> = K extends `${infer Essence};${string}` ? Lowercase<Trim<Essence>> : K extends string ? Lowercase<Trim<K>> : never;
/** The `version` parameter of a media type, as written (`'2'`), or never. */
export type MediaTypeVersion<K> = K extends `${string};${infer Params}` ? ParamValue<ParamList<Params>, 'version'> : never;

type StatusOk = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226 | '2XX';
type ContentOf<R> = R extends { content: infer C } ? C : never;
type StringKeys<T> = [T] extends [never] ? never : Extract<keyof T, string>;

/** The request body's content map (media type → schema), or never without a body. */
export type RequestContent<Op> = Op extends { requestBody?: infer Body } ? ContentOf<NonNullable<Body>> : never;
/** The success responses' content maps, one per 2xx status. */
export type SuccessContent<Op> = Op extends { responses: infer R } ? ContentOf<R[Extract<keyof R, StatusOk>]> : never;
/** The error responses' bodies, every status and media type together. */
export type ErrorBody<Op> = Op extends { responses: infer R }
  ? { [S in Exclude<keyof R, StatusOk>]: ContentOf<R[S]> extends infer C ? C[keyof C] : never }[Exclude<keyof R, StatusOk>]
  : never;

/** Every media type the operation declares, for its request or its success responses. */
export type DeclaredMediaType<Op> = StringKeys<RequestContent<Op>> | (SuccessContent<Op> extends infer C ? StringKeys<C> : never);

type NumberOf<S> = S extends `${infer N extends number}` ? N : never;
/** The versions `version: N` can pick: declared `application/json;version=N` types. */
export type DeclaredVersion<Op> = NumberOf<
  { [K in DeclaredMediaType<Op>]: MediaTypeEssence<K> extends 'application/json' ? MediaTypeVersion<K> : never }[DeclaredMediaType<Op>]
>;

/** JSON types without parameters (`application/json`, `application/x+json`). */
type PlainJson<K> = K extends `${string};${string}` ? never : K extends `${string}/json` | `${string}+json` ? K : never;
/** What a call without `version`/`mediaType` selects: `application/json` when declared (it is what it sends), else the plain JSON types. */
type DefaultMediaType<K> = 'application/json' extends K ? 'application/json' : PlainJson<K>;

/** The declared media type a call selects: by `mediaType`, by `version`, or the plain JSON one. */
export type SelectedMediaType<Op, Version, Media> = [Media] extends [string]
  ? Media
  : [Version] extends [number]
    ? { [K in DeclaredMediaType<Op>]: [MediaTypeVersion<K>] extends [`${Version}`] ? ([MediaTypeVersion<K>] extends [never] ? never : K) : never }[DeclaredMediaType<Op>]
    : DefaultMediaType<DeclaredMediaType<Op>>;

/** The content of `Content` for the selected media type, falling back to its default type when the selected one is not declared there. */
type ContentFor<Content, Selected> = Selected extends keyof Content
  ? Content[Selected]
  : DefaultMediaType<StringKeys<Content>> extends infer Fallback extends keyof Content
    ? Content[Fallback]
    : never;

/** The request body a call must send for the selected media type. */
export type RequestBodyFor<Op, Selected> = ContentFor<RequestContent<Op>, Selected>;

/** The `data` of a successful call for the selected media type (undefined for a 2xx without content). */
export type ResponseDataFor<Op, Selected> = Op extends { responses: infer R }
  ? {
      [S in Extract<keyof R, StatusOk>]: R[S] extends { content: infer C } ? ContentFor<C, Selected> : undefined;
    }[Extract<keyof R, StatusOk>]
  : never;

type IsBodyRequired<Op> = Op extends { requestBody: {} } ? true : false;

/** `body`, typed for the selected media type: required when the spec says so, absent without a body. */
export type BodyOption<Op, Selected> = [RequestContent<Op>] extends [never]
  ? { body?: never }
  : IsBodyRequired<Op> extends true
    ? { body: RequestBodyFor<Op, Selected> }
    : { body?: RequestBodyFor<Op, Selected> };
