import { reply, type Reply } from '../http/exchange.js';

/** Keystone's error body (keystone/exception.py Error): code, message and the status' title. */
export const keystoneError = (status: number, title: string, message: string): Reply => reply(status, { error: { code: status, message, title } });

/** Keystone's Unauthorized, also what keystonemiddleware answers a compute request without a valid token. */
export const unauthorized = (origin: string): Reply => ({
  ...keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.'),
  headers: { 'www-authenticate': `Keystone uri="${origin}/identity"` },
});

export const badRequest = (message: string): Reply => keystoneError(400, 'Bad Request', message);
export const notFound = (message: string): Reply => keystoneError(404, 'Not Found', message);
