import { describe, expect, it } from 'vitest';
import type { JobStatusView } from '../../api/contract';
import { jobState, lastError } from './job-state';

const job = (over: Partial<JobStatusView> = {}): JobStatusView => ({
    name: 'expire-bonuses',
    description: 'Burns expired bonus lots',
    schedule: '5 3 * * *',
    paused: false,
    running: false,
    nextRunAt: '2026-12-06T00:05:00.000Z',
    lastRunAt: null,
    lastFinishedAt: null,
    failCount: 0,
    failReason: null,
    failedAt: null,
    recentRuns: [],
    ...over,
});

describe('job state', () => {
    it('says running, then paused, before anything else', () => {
        expect(jobState(job({ running: true, paused: true }))).toBe('running');
        expect(jobState(job({ paused: true }))).toBe('paused');
    });

    it('says failed while the last finished run failed, and not once one succeeded since', () => {
        const fail = { at: '2026-12-05T00:05:01.000Z', event: 'fail' as const, error: 'database gone' };
        const success = { at: '2026-12-05T01:05:01.000Z', event: 'success' as const, durationMs: 20 };
        const start = { at: '2026-12-05T01:05:00.000Z', event: 'start' as const };
        expect(jobState(job({ recentRuns: [fail] }))).toBe('failed');
        expect(jobState(job({ recentRuns: [start, fail] }))).toBe('failed');
        expect(jobState(job({ recentRuns: [success, start, fail] }))).toBe('scheduled');
        expect(lastError(job({ recentRuns: [success, start, fail] }))).toEqual({
            message: 'database gone',
            at: fail.at,
        });
    });

    it('falls back on the scheduler’s failure fields without a run log', () => {
        const at = '2026-12-05T00:05:01.000Z';
        expect(jobState(job({ failedAt: at, lastFinishedAt: at, failReason: 'boom' }))).toBe('failed');
        expect(lastError(job({ failedAt: at, failReason: 'boom' }))).toEqual({ message: 'boom', at });
        expect(lastError(job())).toBeNull();
    });

    it('is idle with no next run', () => {
        expect(jobState(job({ nextRunAt: null }))).toBe('idle');
    });
});
