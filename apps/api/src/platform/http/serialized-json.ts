import { applyDecorators, Header } from '@nestjs/common';

/**
 * A response body already serialized as JSON, typed by what it holds. A route that returns one is
 * marked @SerializedJson(): Express sends the string as it is (res.json would stringify it again),
 * with the same Content-Type as a JSON answer. For hot reads whose parts are cached serialized
 * (the member feed): the parts are stringified once, not on every request.
 */
export type SerializedJson<T> = string & { readonly __json: T };

/** `json`, the serialization of a `T`, as a response body (the caller vouches for the shape). */
export const serializedJson = <T>(json: string): SerializedJson<T> => json as SerializedJson<T>;

/** The route returns a SerializedJson: sent as it is, as application/json. */
export const SendsSerializedJson = (): MethodDecorator =>
  applyDecorators(Header('Content-Type', 'application/json; charset=utf-8'));
