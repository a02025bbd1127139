/** Types of pg-server.mjs: a throwaway PostgreSQL server for tests and benchmarks. */

/** Where the PostgreSQL 15 server binaries are (PHASEGATE_PG_BIN overrides). */
export const PG_BIN: string;

/** Why a server cannot be started here, or undefined when it can. */
export function postgresMissing(): string | undefined;

/** A running throwaway server. */
export interface ThrowawayPostgres {
  /** The superuser's URL, password included, on 127.0.0.1. */
  url: string;
  port: number;
  password: string;
  /** Stops the server at once and removes its folder. */
  stop(): void;
}

/** Starts a server; `durable: false` (the default, for tests) turns fsync off. */
export function startPostgres(opts?: { durable?: boolean }): Promise<ThrowawayPostgres>;
