import { RequestError } from '../../src/safety/errors.js'

/** The RequestError that `promise` fails with; anything else (or no failure) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => new Error('expected a RequestError'),
    (thrown: unknown) => thrown
  )
  if (error instanceof RequestError) return error
  throw error
}
