/*
 * The stable error codes clients and tests match on, with their HTTP status.
 * They are defined beside `RefillError` in `kernel/errors/error-codes.ts`;
 * this file makes them part of the vocabulary.
 */
export { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
