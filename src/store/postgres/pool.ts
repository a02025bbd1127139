/**
 * The connection pool of the PostgreSQL history store, with one correction to the driver: a
 * connection attempt that fails on the client side closes its socket at once.
 *
 * Why: when the server asks for a SCRAM password and none was given, the driver fails the
 * connect ("client password must be a string") but leaves the socket open, and pg-pool
 * drops the client without ending it. The server then waits for the answer until its
 * `authentication_timeout` (60 s by default) and the open socket keeps the process alive
 * that long after the error was printed. The same holds for any other error the driver
 * raises mid-handshake while the server still waits.
 */
import pg from 'pg';

/** A pg.Client that destroys its socket when `connect` fails, so nothing outlives the failure. */
class ClosingClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
  override connect(callback?: (err: never, c: never) => void): Promise<pg.Client> | void {
    if (!callback) {
      return super.connect().catch((err: unknown) => {
        this.closeSocket();
        throw err;
      });
    }
    const done = callback as (err: Error | null, c?: pg.Client) => void;
    super.connect((err: Error | null, c?: pg.Client) => {
      if (err) this.closeSocket();
      done(err, c);
    });
  }

  /** Destroys the socket of a failed connection attempt (a no-op when it is already closed). */
  private closeSocket(): void {
    const stream = (this as { connection?: { stream?: { destroy?: () => void } } }).connection?.stream;
    stream?.destroy?.();
  }
}

/** Pool settings of the PostgreSQL adapter. */
export interface PoolSettings {
  poolSize: number;
  connectTimeoutMs: number;
}

/** A pool for `url` whose failed connection attempts never keep the process alive. */
export function createPool(url: string, settings: PoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    application_name: 'phasegate',
    allowExitOnIdle: true,
    Client: ClosingClient,
  });
  // An idle client whose connection drops is discarded by the pool; the next checkout reconnects.
  pool.on('error', () => undefined);
  return pool;
}
