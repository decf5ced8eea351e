import type { RefillLogger } from '../logging/logger.port.js';
import type { Database } from './database.js';

/** Whether one dependency answers. */
export type CheckStatus = 'ok' | 'unavailable';

/** What the readiness probe reports. */
export interface Readiness {
    /** `ok`: send traffic; `unavailable`: the database does not answer; `draining`: shutting down. */
    status: 'ok' | 'unavailable' | 'draining';
    database: CheckStatus;
}

/**
 * Liveness and readiness for load balancers and orchestrators. Liveness is
 * the process answering at all (it never touches the database, so a
 * database outage does not get the process restarted); readiness is the
 * database answering `SELECT 1` within a short time, and Refill not shutting
 * down. Changes of the database's state are logged once each, not per probe.
 */
export class HealthService {
    private draining = false;
    private inFlight: Promise<CheckStatus> | null = null;
    private lastDatabase: CheckStatus = 'ok';

    constructor(
        private readonly database: Database,
        private readonly logger: RefillLogger,
        private readonly timeoutMs = 1000,
    ) {}

    /** The process is up. */
    live(): { status: 'ok' } {
        return { status: 'ok' };
    }

    /** Whether the database answers and Refill takes traffic. Concurrent probes share one check. */
    async ready(): Promise<Readiness> {
        this.inFlight ??= this.checkDatabase().finally(() => {
            this.inFlight = null;
        });
        const database = await this.inFlight;
        return { status: this.draining ? 'draining' : database, database };
    }

    /** From now on readiness answers `draining` (Refill is stopping). */
    markDraining(): void {
        this.draining = true;
    }

    private async checkDatabase(): Promise<CheckStatus> {
        const started = Date.now();
        const status: CheckStatus = (await this.database.isAvailable(this.timeoutMs)) ? 'ok' : 'unavailable';
        if (status !== this.lastDatabase) {
            if (status === 'unavailable')
                this.logger.error(
                    { timeoutMs: this.timeoutMs, elapsedMs: Date.now() - started },
                    'database unavailable: readiness check failed',
                );
            else this.logger.info({}, 'database available again');
            this.lastDatabase = status;
        }
        return status;
    }
}
