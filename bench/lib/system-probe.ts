import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';

/** Counters read around a measured window. */
export interface ProbeReading {
    /** Statements the MariaDB server received (`Questions`), when probing MariaDB. */
    statements: number | null;
    /** CPU time of the local database server process, µs (null: not local or not readable). */
    dbCpuUs: number | null;
    /** CPU time of this process (load generator, raw baseline), µs. */
    selfCpuUs: number;
    /** The part of `selfCpuUs` spent in the kernel, µs. */
    selfSystemUs: number;
    /** Busy CPU time of the whole machine, all cores (from /proc/stat), µs; null when unreadable. */
    machineBusyUs: number | null;
    /** Wall-clock time, µs. */
    wallUs: number;
}

/** Deltas of two readings. */
export function probeDelta(before: ProbeReading, after: ProbeReading): ProbeReading {
    const sub = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
    return {
        statements: sub(after.statements, before.statements),
        dbCpuUs: sub(after.dbCpuUs, before.dbCpuUs),
        selfCpuUs: after.selfCpuUs - before.selfCpuUs,
        selfSystemUs: after.selfSystemUs - before.selfSystemUs,
        machineBusyUs: sub(after.machineBusyUs, before.machineBusyUs),
        wallUs: after.wallUs - before.wallUs,
    };
}

/**
 * Reads the counters that show where the time goes: the MariaDB server's
 * statement count (so statements per receipt = round trips), its CPU time
 * from /proc when it runs on this machine, this process's CPU time, and the
 * whole machine's busy time (other work on a shared machine skews a step).
 */
export class SystemProbe {
    private constructor(
        private readonly admin: mysql.Connection | null,
        private readonly dbPid: number | null,
    ) {}

    /** A probe of the MariaDB server at `mysqlUrl` (null: this process only). */
    static async open(mysqlUrl: string | null): Promise<SystemProbe> {
        if (!mysqlUrl) return new SystemProbe(null, null);
        const admin = await mysql.createConnection(mysqlUrl);
        const host = new URL(mysqlUrl).hostname;
        const local = host === '127.0.0.1' || host === 'localhost' || host === '::1';
        return new SystemProbe(admin, local ? findProcess(['mariadbd', 'mysqld']) : null);
    }

    async read(): Promise<ProbeReading> {
        let statements: number | null = null;
        if (this.admin) {
            const [rows] = await this.admin.query<mysql.RowDataPacket[]>(
                "SHOW GLOBAL STATUS LIKE 'Questions'",
            );
            statements = Number(rows[0]?.Value ?? Number.NaN);
        }
        const self = process.cpuUsage();
        return {
            statements,
            dbCpuUs: this.dbPid ? processCpuUs(this.dbPid) : null,
            selfCpuUs: self.user + self.system,
            selfSystemUs: self.system,
            machineBusyUs: machineBusyUs(),
            wallUs: Math.round(performance.now() * 1000),
        };
    }

    async close(): Promise<void> {
        await this.admin?.end();
    }
}

/** The pid of the first process whose name is one of `names`, or null. */
function findProcess(names: readonly string[]): number | null {
    try {
        for (const entry of readdirSync('/proc')) {
            if (!/^\d+$/.test(entry)) continue;
            try {
                if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
            } catch {
                // The process ended while we looked.
            }
        }
    } catch {
        // No /proc (not Linux).
    }
    return null;
}

/** Non-idle time of all cores since boot (/proc/stat "cpu" line), µs (100 ticks per second). */
function machineBusyUs(): number | null {
    try {
        const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
        // user nice system idle iowait irq softirq steal …
        const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
        return (user + nice + system + irq + softirq + steal) * 10_000;
    } catch {
        return null;
    }
}

/** utime + stime of a process from /proc/<pid>/stat, µs (assumes 100 clock ticks per second). */
function processCpuUs(pid: number): number | null {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields after "(comm) ": state is [0], utime is [11], stime is [12].
        return (Number(fields[11]) + Number(fields[12])) * 10_000;
    } catch {
        return null;
    }
}
