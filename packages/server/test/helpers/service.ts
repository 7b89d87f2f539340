// The only place the server tests call `createGarService` and `createHandoffRoutes`: a test service over a memory
// store (or the given one) with the test issuer, secrets and a silent logger, every option overridable. When their
// signatures change, this file is the one to follow. Browser tests import it too: nothing here needs Node.
import {
  createGarService,
  createHandoffRoutes,
  createMemoryStore,
  silentLogger,
  type GarService,
  type HandoffRoutesOptions,
} from '../../src/index.js';
import { ISSUER, SECRET, STATS_SECRET } from './fixtures.js';

/** Options of the service under test; all optional. Without a `clock` the service reads the system clock. */
export type TestServiceOptions = Partial<Parameters<typeof createGarService>[0]>;

/**
 * A service over `store` (default: a fresh memory store), issuer {@link ISSUER}, secrets {@link SECRET} and
 * {@link STATS_SECRET}, no logs; it hands off when given `signingKeys`.
 */
export function createTestService(options: TestServiceOptions = {}): GarService {
  const { store = createMemoryStore(), ...overrides } = options;
  return createGarService({
    store,
    issuer: ISSUER,
    pseudonymSecret: SECRET,
    statisticsSecret: STATS_SECRET,
    logger: silentLogger,
    ...overrides,
  });
}

/** What the hand-off routes need from a world: a service made with its signing keys. */
export type TestHandoffRoutesOptions = Pick<HandoffRoutesOptions, 'service'> & Partial<HandoffRoutesOptions>;

/** The hand-off routes (launch, CAS, listings, well-known) of a test service. */
export function createTestHandoffRoutes(options: TestHandoffRoutesOptions) {
  return createHandoffRoutes(options);
}
