/** The store contract against the PostgreSQL adapter, on a throwaway server, a database per test. */
import { describe } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

describe.skipIf(postgresSkipReason() !== undefined)('PostgreSQL adapter', () => {
  const pg = usePostgres();
  storeContract('postgres', async () => {
    const url = await pg().newDatabase();
    return { open: () => openStore(url) };
  });
});
