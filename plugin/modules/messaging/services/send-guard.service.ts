import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { CampaignFields, CampaignRepository, CampaignRunRepository } from '../../campaigns/index.js';
import type { SendBatch } from '../entities/cascade.entity.js';
import { normaliseUsername } from '../../admin/index.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditAction } from '../../../kernel/vocabulary/audit-actions.js';
import type { AdminTokenRepository, AuditRepository } from '../../admin/index.js';
import type { CascadeRepository } from '../repositories/cascade.repository.js';
import type { MessageRepository } from '../repositories/message.repository.js';
import type { SendBatchRepository } from '../repositories/send-batch.repository.js';

/** The repository methods {@link SendGuardService} calls (the composition root passes its bag). */
export interface SendGuardPorts {
    adminTokens: Pick<AdminTokenRepository, 'peopleNamed'>;
    audit: Pick<AuditRepository, 'append'>;
    campaigns: Pick<CampaignRepository, 'find' | 'update'>;
    cascades: Pick<CascadeRepository, 'cancelCampaign' | 'countByStatus' | 'gatedRuns' | 'release'>;
    messages: Pick<MessageRepository, 'failureShare'>;
    runs: Pick<CampaignRunRepository, 'list'>;
    sendBatches: Pick<SendBatchRepository, 'find' | 'insert' | 'list' | 'transition' | 'withStatus'>;
}

/** Who approves a large send: the actor as recorded, and their person (null for a token bound to nobody). */
export interface Approver {
    actor: string;
    userId: number | null;
}

/** What one guard tick did. */
export interface GuardCounts {
    [name: string]: number;
    released: number;
    awaitingApproval: number;
    canaryReleased: number;
    canaryFailed: number;
    cancelled: number;
}

/**
 * Keeps a campaign from messaging thousands of people by mistake. A day's
 * lapse-offer reminders are written `gated`; once the day's selection has
 * finished, the guard looks at the run as one batch: a small one is released
 * at once; one above the threshold (recipients, or a share of all customers)
 * waits for approval by a person other than the one who launched the
 * campaign (whatever credential either used), then goes to a canary slice,
 * and the rest follows after the canary's hold unless too many canary
 * messages failed. The kill switch
 * cancels every open reminder of a campaign; the dispatcher re-reads the flag
 * every page, so nothing more goes out within one tick.
 */
export class SendGuardService {
    private readonly guard: RefillConfig['messaging']['guard'];

    constructor(
        private readonly db: Database,
        private readonly repos: SendGuardPorts,
        config: RefillConfig,
        private readonly clock: Clock,
    ) {
        this.guard = config.messaging.guard;
    }

    /** Looks at gated runs whose selection has finished and at canaries whose hold is over. */
    async tick(): Promise<GuardCounts> {
        const counts: GuardCounts = {
            released: 0,
            awaitingApproval: 0,
            canaryReleased: 0,
            canaryFailed: 0,
            cancelled: 0,
        };
        const now = this.clock();
        for (const run of await this.repos.cascades.gatedRuns()) {
            const campaign = await this.repos.campaigns.find(this.db, run.campaignId);
            if (!campaign || campaign.sendsKilled) {
                counts.cancelled += await this.repos.cascades.cancelCampaign(this.db, run.campaignId, now);
                continue;
            }
            if (!(await this.selectionFinished(run.campaignId, run.runDay))) continue;
            const batch = await this.repos.sendBatches.find(run.campaignId, run.runDay);
            if (!batch) {
                const base = await this.baseSize();
                const large =
                    run.count > this.guard.maxRecipients || run.count > (base * this.guard.maxBasePct) / 100;
                await this.repos.sendBatches.insert(
                    {
                        campaignId: run.campaignId,
                        runDay: run.runDay,
                        status: large ? 'awaiting_approval' : 'released',
                        recipients: run.count,
                        baseSize: base,
                        canarySize: 0,
                        canaryUntil: null,
                        approvedBy: null,
                        approvedAt: null,
                        note: large
                            ? `${run.count} recipients is above the guard (${this.guard.maxRecipients} or ${this.guard.maxBasePct}% of ${base})`
                            : null,
                    },
                    now,
                );
                if (large) counts.awaitingApproval++;
                else counts.released += await this.repos.cascades.release(run.campaignId, run.runDay, now);
            } else if (batch.status === 'released') {
                // A part that was re-run after the release belongs to the same approved run.
                counts.released += await this.repos.cascades.release(run.campaignId, run.runDay, now);
            }
        }
        for (const batch of await this.repos.sendBatches.withStatus('canary')) {
            if (batch.canaryUntil && batch.canaryUntil > now) continue;
            const share = await this.repos.messages.failureShare(batch.campaignId, batch.approvedAt ?? now);
            const failedPct = share.total ? (share.failed / share.total) * 100 : 0;
            if (failedPct > this.guard.maxCanaryFailurePct) {
                await this.repos.sendBatches.transition(
                    batch.campaignId,
                    batch.runDay,
                    ['canary'],
                    {
                        status: 'canary_failed',
                        note: `${share.failed} of ${share.total} canary messages failed (${failedPct.toFixed(1)}%); release or kill by hand`,
                    },
                    now,
                );
                counts.canaryFailed++;
            } else if (
                await this.repos.sendBatches.transition(
                    batch.campaignId,
                    batch.runDay,
                    ['canary'],
                    { status: 'released' },
                    now,
                )
            )
                counts.canaryReleased += await this.repos.cascades.release(
                    batch.campaignId,
                    batch.runDay,
                    now,
                );
        }
        return counts;
    }

    /** A campaign's send batches with what their reminders have come to. */
    async batches(campaignId: number) {
        await this.campaign(campaignId);
        const batches = await this.repos.sendBatches.list(campaignId);
        return Promise.all(
            batches.map(async (b) => ({
                ...view(b),
                cascades: await this.repos.cascades.countByStatus(campaignId, b.runDay),
            })),
        );
    }

    /**
     * A second person approves a large run: its canary slice is released now,
     * the rest after the hold. The approver must be a person (a token bound to
     * nobody cannot vouch) other than the one who launched the campaign,
     * whatever credential either used.
     */
    async approve(campaignId: number, runDay: string, approver: Approver) {
        const campaign = await this.campaign(campaignId);
        await this.checkSecondPerson(campaign.launchedBy ?? campaign.createdBy, approver);
        const actor = approver.actor;
        const batch = await this.batch(campaignId, runDay);
        const now = this.clock();
        const canary = Math.min(
            batch.recipients,
            Math.max(this.guard.canaryMin, Math.ceil((batch.recipients * this.guard.canaryPct) / 100)),
        );
        const moved = await this.repos.sendBatches.transition(
            campaignId,
            runDay,
            ['awaiting_approval'],
            {
                status: 'canary',
                canarySize: canary,
                canaryUntil: new Date(now.getTime() + this.guard.canaryHoldMinutes * 60_000),
                approvedBy: actor,
                approvedAt: now,
            },
            now,
        );
        if (!moved) throw conflict(batch, 'awaiting_approval');
        await this.repos.cascades.release(campaignId, runDay, now, canary);
        await this.db.transaction((tx) =>
            this.audit(tx, actor, 'campaign.sends.approve', campaignId, {
                runDay,
                canary,
                recipients: batch.recipients,
            }),
        );
        return view((await this.repos.sendBatches.find(campaignId, runDay)) as SendBatch);
    }

    /** Releases the rest of a run after its canary (also one whose canary failed, when a human decides so). */
    async release(campaignId: number, runDay: string, actor: string) {
        const batch = await this.batch(campaignId, runDay);
        const now = this.clock();
        if (
            !(await this.repos.sendBatches.transition(
                campaignId,
                runDay,
                ['canary', 'canary_failed'],
                { status: 'released' },
                now,
            ))
        )
            throw conflict(batch, 'canary or canary_failed');
        const released = await this.repos.cascades.release(campaignId, runDay, now);
        await this.db.transaction((tx) =>
            this.audit(tx, actor, 'campaign.sends.release', campaignId, { runDay, released }),
        );
        return view((await this.repos.sendBatches.find(campaignId, runDay)) as SendBatch);
    }

    /**
     * The kill switch: cancels every open reminder of the campaign and sends
     * nothing more until resumed. The reason goes to the audit entry.
     */
    async kill(campaignId: number, actor: string, reason: string): Promise<{ cancelled: number }> {
        const { cancelled } = await this.changeCampaign(
            campaignId,
            actor,
            'campaign.sends.kill',
            { sendsKilled: true },
            async (tx, now) => ({
                cancelled: await this.repos.cascades.cancelCampaign(tx, campaignId, now),
                reason,
            }),
        );
        for (const b of await this.repos.sendBatches.list(campaignId))
            await this.repos.sendBatches.transition(
                campaignId,
                b.runDay,
                ['awaiting_approval', 'canary', 'canary_failed'],
                { status: 'killed' },
                this.clock(),
            );
        return { cancelled: cancelled as number };
    }

    /** Lifts the kill switch for future runs (cancelled reminders stay cancelled). */
    async resume(campaignId: number, actor: string): Promise<void> {
        await this.changeCampaign(campaignId, actor, 'campaign.sends.resume', { sendsKilled: false });
    }

    /** Test mode: while `cards` is a list, the campaign's messages go only to those cards; null ends it. */
    async setTestCards(campaignId: number, cards: string[] | null, actor: string): Promise<void> {
        await this.changeCampaign(
            campaignId,
            actor,
            'campaign.sends.test_cards',
            { testCards: cards ? JSON.stringify(cards) : null },
            async () => ({ cards: cards?.length ?? null }),
        );
    }

    /** Changes a campaign's send settings (and whatever `also` does) in one audited transaction. */
    private async changeCampaign(
        campaignId: number,
        actor: string,
        action: AuditAction,
        patch: Partial<CampaignFields>,
        also?: (tx: SqlExecutor, now: Date) => Promise<Record<string, unknown>>,
    ): Promise<Record<string, unknown>> {
        await this.campaign(campaignId);
        const now = this.clock();
        return this.db.transaction(async (tx) => {
            await this.repos.campaigns.update(tx, campaignId, patch, now);
            const details = (await also?.(tx, now)) ?? {};
            await this.audit(tx, actor, action, campaignId, details);
            return details;
        });
    }

    /**
     * Refuses an approver who is no person, or the launcher's person. Actors
     * are compared as normalised usernames (a person acts under their
     * username with a session or with their own token); a launch recorded
     * as `token:<name>` (a token of no person, or one from before tokens had
     * people) is refused to anyone who was ever the person of a token of
     * that name.
     */
    private async checkSecondPerson(launcher: string, approver: Approver): Promise<void> {
        const refuse = (message: string) =>
            new RefillError(
                'REFILL_SECOND_ADMIN_REQUIRED',
                'A large send needs approval by a person other than the one who launched the campaign',
                [{ path: 'actor', message }],
            );
        if (approver.userId === null) throw refuse('an API token bound to no person cannot approve');
        if (normaliseUsername(launcher) === normaliseUsername(approver.actor))
            throw refuse(`${approver.actor} launched this campaign`);
        if (
            launcher.startsWith('token:') &&
            (await this.repos.adminTokens.peopleNamed(launcher.slice('token:'.length))).includes(
                approver.userId,
            )
        )
            throw refuse(`${approver.actor} holds the token that launched this campaign`);
    }

    private async selectionFinished(campaignId: number, day: string): Promise<boolean> {
        const runs = await this.repos.runs.list(this.db, campaignId, day);
        return (
            runs.length > 0 &&
            runs.length >= runs[0].parts &&
            runs.every((r) => r.status === 'done' || r.status === 'skipped')
        );
    }

    private async baseSize(): Promise<number> {
        const [row] = await this.db.all(`SELECT COUNT(*) AS n FROM refill_customers`);
        return Number(row?.n ?? 0);
    }

    private async campaign(id: number) {
        const campaign = await this.repos.campaigns.find(this.db, id);
        if (!campaign) throw new RefillError('REFILL_NOT_FOUND', `No campaign ${id}`);
        return campaign;
    }

    private async batch(campaignId: number, runDay: string): Promise<SendBatch> {
        const batch = await this.repos.sendBatches.find(campaignId, runDay);
        if (!batch)
            throw new RefillError(
                'REFILL_NOT_FOUND',
                `No send batch for campaign ${campaignId} on ${runDay}`,
            );
        return batch;
    }

    private audit(
        exec: SqlExecutor,
        actor: string,
        action: AuditAction,
        campaignId: number,
        details: Record<string, unknown>,
    ): Promise<void> {
        return this.repos.audit.append(
            exec,
            { actor, action, entityType: 'campaign', entityId: String(campaignId), details },
            this.clock(),
        );
    }
}

function conflict(batch: SendBatch, expected: string): RefillError {
    return new RefillError('REFILL_CONFLICT', `The send batch is ${batch.status}, not ${expected}`, [
        { path: 'status', message: batch.status },
    ]);
}

function view(b: SendBatch) {
    return {
        runDay: b.runDay,
        status: b.status,
        recipients: b.recipients,
        baseSize: b.baseSize,
        canarySize: b.canarySize,
        canaryUntil: b.canaryUntil?.toISOString() ?? null,
        approvedBy: b.approvedBy,
        approvedAt: b.approvedAt?.toISOString() ?? null,
        note: b.note,
    };
}
