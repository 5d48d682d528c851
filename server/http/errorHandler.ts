import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './apiError';

/** Fastify's own refusals of a request, as API errors with a specific code and a message for people. */
function fromFrameworkError(error: FastifyError): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload-too-large', 'The request body is larger than the 1 MB this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported-media-type', 'Send the request body as JSON (Content-Type: application/json)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'invalid-json', 'The body is empty although Content-Type says JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid-json', 'The body is not valid JSON');
    case 'FST_ERR_BAD_URL':
      return new ApiError(400, 'bad-request', 'The URL is not valid');
  }
  if (error instanceof SyntaxError) return new ApiError(400, 'invalid-json', `The body is not valid JSON: ${error.message}`);
  // Any other refusal Fastify or Node makes of the request itself (bad Content-Length, …).
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(error.statusCode, 'bad-request', error.message || 'The request is not valid');
  }
  return undefined;
}

function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
}

/**
 * Every error leaves as `{ error: { code, message, fields? } }`. Refusals of bad input are
 * 4xx; anything else is a bug or an outage: logged in full, answered with a 500 that
 * gives nothing away.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) return sendApiError(reply, error);
    const known = fromFrameworkError(error);
    if (known) return sendApiError(reply, known);
    request.log.error({ err: error }, 'request failed');
    return sendApiError(reply, new ApiError(500, 'internal', 'Something went wrong on the server; it has been logged'));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    return sendApiError(reply, new ApiError(404, 'route-not-found', `There is no ${request.method} ${shown}`));
  });
}

/** For Fastify's `frameworkErrors` option: URL problems found before routing, in the same shape. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendApiError(reply, fromFrameworkError(error) ?? new ApiError(400, 'bad-request', error.message));
}
