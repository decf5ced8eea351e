import type { Agenda, JobParameters } from 'agenda';

/** A job as Agenda's core hands it to `saveJob`, with `overrides` on top. */
export function jobParams(overrides: Partial<JobParameters> & { name: string }): JobParameters {
    return { priority: 0, nextRunAt: new Date(), type: 'normal', data: {}, ...overrides };
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(
    check: () => boolean | Promise<boolean>,
    timeoutMs = 5000,
    everyMs = 20,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, everyMs));
    }
}

/** Sleeps `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Keeps the Agenda instances a test starts so `afterEach` can stop them all. */
export class AgendaPool {
    private readonly started: Agenda[] = [];

    /** Remembers `agenda` and returns it. */
    track<T extends Agenda>(agenda: T): T {
        this.started.push(agenda);
        return agenda;
    }

    /** Stops every tracked instance without closing connections. */
    async stopAll(): Promise<void> {
        const all = this.started.splice(0);
        await Promise.all(all.map((a) => a.stop(false).catch(() => undefined)));
    }
}

/** A clock a test moves by hand. */
export class ManualClock {
    constructor(private at = new Date('2026-03-02T09:00:00.000Z')) {}

    /** The current time (a copy). */
    now = (): Date => new Date(this.at);

    /** Moves the clock forward. */
    advance(ms: number): void {
        this.at = new Date(this.at.getTime() + ms);
    }
}
