/**
 * One API route: its method and path, with its request body, query and response types carried
 * as phantom type parameters (nothing of them exists at runtime). See `ROUTES` in ../routes.ts.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route<M extends HttpMethod, P extends string, Req, Q, Res> {
  readonly method: M;
  /** Express-style path with `:name` parameters, e.g. `/api/tasks/:id/claims`. */
  readonly path: P;
  /** Phantom: never set, only there to carry the types. */
  readonly types?: { request: Req; query: Q; response: Res };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = Route<HttpMethod, string, any, any, any>;

/**
 * Declares a route: `route<Body, Query, Response>()('POST', '/api/needs')`. `never` for a body or
 * query the route does not take; `void` for a response without one.
 */
export function route<Req = never, Q = never, Res = void>() {
  return <M extends HttpMethod, P extends string>(method: M, path: P): Route<M, P, Req, Q, Res> => ({ method, path });
}

/** The request body a route takes (`never`: none). */
export type RequestOf<R> = R extends { readonly types?: { request: infer T } } ? T : never;
/** The query a route takes (`never`: none). */
export type QueryOf<R> = R extends { readonly types?: { query: infer T } } ? T : never;
/** What a route answers (`void`: nothing). */
export type ResponseOf<R> = R extends { readonly types?: { response: infer T } } ? T : never;

/** The `:name` parameters of a path, e.g. `'id' | 'userId'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name extends `${infer Base}.${string}`
      ? Base
      : Name
    : never;

/** The values that fill a route's path parameters. */
export type ParamsOf<R extends AnyRoute> = { [K in PathParamNames<R['path']>]: string | number };

/**
 * The route's path with its `:name` parameters filled (URI-encoded), e.g.
 * `pathOf(ROUTES.claims.forTask, { id: 7 })` → `/api/tasks/7/claims`.
 */
export function pathOf<R extends AnyRoute>(
  r: R,
  ...[params]: PathParamNames<R['path']> extends never ? [] : [ParamsOf<R>]
): string {
  const values = (params ?? {}) as Record<string, string | number | undefined>;
  return r.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') throw new Error(`pathOf ${r.path}: missing :${name}`);
    return encodeURIComponent(String(v));
  });
}
