import { randomBytes } from 'node:crypto';
import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { HASH_VERSION } from '../stats/assignment.rules.js';
import type { Campaign, CampaignStatus } from '../entities/campaign.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { CampaignFields } from '../repositories/campaign.repository.js';
import { campaignView, type CampaignDesign, type CampaignView } from './campaign-design.js';
import { percentToBasisPoints } from '../../../kernel/units/shares.js';
import type { CatalogService } from '../../catalog/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditAction } from '../../../kernel/vocabulary/audit-actions.js';
import { SCHEDULER_ACTOR } from '../../../kernel/vocabulary/audit-actors.js';
import type { AuditRepository } from '../../admin/index.js';
import type { CampaignRepository } from '../repositories/campaign.repository.js';

/** Design fields that may still change once a campaign has launched (they only affect future selections). */
const EDITABLE_AFTER_LAUNCH = new Set([
    'name',
    'dailyCap',
    'channels',
    'cascade',
    'filters',
    'cooldownDays',
    'runHour',
    'endsAt',
    'marginPct',
    'redemptionPct',
    'expected',
    'budgetCap',
    'senderName',
]);

/** Which lifecycle moves are allowed from which state. */
const MOVES: Record<'launch' | 'pause' | 'resume' | 'finish', CampaignStatus[]> = {
    launch: ['draft'],
    pause: ['scheduled', 'active'],
    resume: ['paused'],
    finish: ['scheduled', 'active', 'paused'],
};

/** The repository methods CampaignService calls (the composition root passes its repository bag). */
export interface CampaignPorts {
    audit: Pick<AuditRepository, 'append'>;
    campaigns: Pick<CampaignRepository, 'codeTaken' | 'find' | 'insert' | 'list' | 'update'>;
}

/**
 * Campaigns' design and lifecycle: draft → scheduled → active ⇄ paused →
 * finished. The assignment design (category, rule, control share, salt,
 * offer, windows) freezes at launch, so groups never change mid-campaign.
 * Every change is audited in its own transaction.
 */
export class CampaignService {
    constructor(
        private readonly db: Database,
        private readonly repos: CampaignPorts,
        private readonly catalog: CatalogService,
        private readonly clock: Clock,
    ) {}

    /** Every campaign, newest first. */
    async list(): Promise<CampaignView[]> {
        const codes = await this.categoryCodes();
        return (await this.repos.campaigns.list(this.db)).map((c) =>
            campaignView(c, codes.get(c.categoryId) ?? null),
        );
    }

    /** One campaign as the API shows it. */
    async get(id: number): Promise<CampaignView> {
        const campaign = await this.find(id);
        return campaignView(campaign, (await this.categoryCodes()).get(campaign.categoryId) ?? null);
    }

    /** The stored campaign; 404 when there is none. */
    async find(id: number): Promise<Campaign> {
        const campaign = await this.repos.campaigns.find(this.db, id);
        if (!campaign) throw new RefillError('REFILL_NOT_FOUND', `No campaign ${id}`);
        return campaign;
    }

    /** Creates a draft with a fresh salt. */
    async create(design: CampaignDesign, actor: string): Promise<CampaignView> {
        const fields = await this.fields(design);
        const id = await this.db.transaction(async (tx) => {
            if (await this.repos.campaigns.codeTaken(tx, design.code))
                throw new RefillError('REFILL_CONFLICT', `Campaign code ${design.code} is taken`, [
                    { path: 'code', message: 'already used by another campaign' },
                ]);
            const now = this.clock();
            const id = await this.repos.campaigns.insert(
                tx,
                {
                    ...(fields as CampaignFields),
                    status: 'draft',
                    salt: randomBytes(12).toString('hex'),
                    hashVersion: HASH_VERSION,
                    launchedAt: null,
                    launchedBy: null,
                    finishedAt: null,
                    cascade: fields.cascade ?? null,
                    testCards: null,
                    sendsKilled: false,
                    createdBy: actor,
                },
                now,
            );
            await this.audit(tx, actor, 'campaign.create', id, { design: auditDesign(design) });
            return id;
        });
        return this.get(id);
    }

    /** Changes a campaign's design; after launch only the fields that do not touch assignment. */
    async update(id: number, patch: Partial<CampaignDesign>, actor: string): Promise<CampaignView> {
        await this.db.transaction(async (tx) => {
            const campaign = await this.locked(tx, id);
            if (campaign.status === 'finished')
                throw new RefillError('REFILL_CONFLICT', 'A finished campaign cannot change');
            if (campaign.status !== 'draft') {
                const frozen = Object.keys(patch).filter((k) => !EDITABLE_AFTER_LAUNCH.has(k));
                if (frozen.length)
                    throw new RefillError(
                        'REFILL_CONFLICT',
                        'These fields are frozen once a campaign has launched; start a new campaign to change them',
                        frozen.map((path) => ({ path, message: 'frozen after launch' })),
                    );
            }
            if (
                patch.code &&
                patch.code !== campaign.code &&
                (await this.repos.campaigns.codeTaken(tx, patch.code))
            )
                throw new RefillError('REFILL_CONFLICT', `Campaign code ${patch.code} is taken`, [
                    { path: 'code', message: 'already used by another campaign' },
                ]);
            const fields = await this.fields(patch, campaign);
            await this.repos.campaigns.update(tx, id, fields, this.clock());
            await this.audit(tx, actor, 'campaign.update', id, { changes: auditDesign(patch) });
        });
        return this.get(id);
    }

    /**
     * A design as an unsaved draft (never written): what the editor's live
     * estimate and previews compute on. `id` is the campaign being edited,
     * else 0 (no campaign has it); its salt is the stored one, else fixed.
     */
    async unsaved(design: CampaignDesign, id?: number): Promise<Campaign> {
        const current = id === undefined ? undefined : await this.find(id);
        const fields = (await this.fields(design)) as CampaignFields;
        const now = this.clock();
        return {
            ...fields,
            id: current?.id ?? 0,
            status: current?.status ?? 'draft',
            salt: current?.salt ?? 'unsaved-design',
            hashVersion: current?.hashVersion ?? HASH_VERSION,
            cascade: fields.cascade ?? null,
            expectedConversionBp: fields.expectedConversionBp ?? null,
            expectedUpliftBp: fields.expectedUpliftBp ?? null,
            expectedDailySize: fields.expectedDailySize ?? null,
            testCards: current?.testCards ?? null,
            sendsKilled: current?.sendsKilled ?? false,
            launchedAt: current?.launchedAt ?? null,
            launchedBy: current?.launchedBy ?? null,
            finishedAt: current?.finishedAt ?? null,
            createdBy: current?.createdBy ?? '',
            createdAt: current?.createdAt ?? now,
            updatedAt: now,
        };
    }

    /** Launches a draft: scheduled until its start, active from then on. */
    async launch(id: number, actor: string): Promise<CampaignView> {
        return this.move(id, 'launch', actor, async (campaign, now) => {
            await this.checkLaunchable(campaign);
            const status: CampaignStatus =
                campaign.startsAt && campaign.startsAt > now ? 'scheduled' : 'active';
            return { status, launchedAt: now, launchedBy: actor };
        });
    }

    /** Pauses daily selection (offers already given stay valid). */
    async pause(id: number, actor: string): Promise<CampaignView> {
        return this.move(id, 'pause', actor, async () => ({ status: 'paused' }));
    }

    /** Resumes a paused campaign. */
    async resume(id: number, actor: string): Promise<CampaignView> {
        return this.move(id, 'resume', actor, async (campaign, now) => ({
            status: campaign.startsAt && campaign.startsAt > now ? 'scheduled' : 'active',
        }));
    }

    /** Finishes a campaign: no new members; the report keeps measuring open windows. */
    async finish(id: number, actor: string): Promise<CampaignView> {
        return this.move(id, 'finish', actor, async (_c, now) => ({ status: 'finished', finishedAt: now }));
    }

    /**
     * Moves scheduled campaigns whose start has come to active and finishes
     * those whose end has passed (the daily job calls it). Returns the active ones.
     */
    async advance(actor = SCHEDULER_ACTOR): Promise<Campaign[]> {
        const now = this.clock();
        for (const c of await this.repos.campaigns.list(this.db, ['scheduled', 'active', 'paused'])) {
            if (c.endsAt && c.endsAt <= now) await this.finish(c.id, actor);
            else if (c.status === 'scheduled' && (!c.startsAt || c.startsAt <= now))
                await this.db.transaction(async (tx) => {
                    await this.repos.campaigns.update(tx, c.id, { status: 'active' }, now);
                    await this.audit(tx, actor, 'campaign.activate', c.id, {});
                });
        }
        return this.repos.campaigns.list(this.db, ['active']);
    }

    private async move(
        id: number,
        move: keyof typeof MOVES,
        actor: string,
        change: (campaign: Campaign, now: Date) => Promise<Partial<CampaignFields>>,
    ): Promise<CampaignView> {
        await this.db.transaction(async (tx) => {
            const campaign = await this.locked(tx, id);
            if (!MOVES[move].includes(campaign.status))
                throw new RefillError(
                    'REFILL_CONFLICT',
                    `Cannot ${move} a campaign that is ${campaign.status}`,
                    {
                        status: campaign.status,
                        allowedFrom: MOVES[move],
                    },
                );
            const now = this.clock();
            const fields = await change(campaign, now);
            await this.repos.campaigns.update(tx, id, fields, now);
            await this.audit(tx, actor, `campaign.${move}`, id, { from: campaign.status, to: fields.status });
        });
        return this.get(id);
    }

    private async checkLaunchable(campaign: Campaign): Promise<void> {
        const category = (await this.catalog.categories()).find((c) => c.id === campaign.categoryId);
        const problems: Array<{ path: string; message: string }> = [];
        if (!category?.active) problems.push({ path: 'categoryCode', message: 'the category is not active' });
        if (category && !category.chronic)
            problems.push({ path: 'categoryCode', message: 'the category is not a chronic group' });
        if (!campaign.channels)
            problems.push({ path: 'channels', message: 'at least one channel is needed' });
        if (campaign.controlShareBp === 0 && !campaign.allowZeroControl)
            problems.push({
                path: 'controlSharePct',
                message:
                    'a campaign without control group cannot be measured; set allowZeroControl to override',
            });
        if (problems.length)
            throw new RefillError('REFILL_UNPROCESSABLE', 'The campaign cannot launch', problems);
    }

    private async locked(tx: SqlExecutor, id: number): Promise<Campaign> {
        const campaign = await this.repos.campaigns.find(tx, id, true);
        if (!campaign) throw new RefillError('REFILL_NOT_FOUND', `No campaign ${id}`);
        return campaign;
    }

    /** Design (or a patch of it) → stored fields. */
    private async fields(
        design: Partial<CampaignDesign>,
        current?: Campaign,
    ): Promise<Partial<CampaignFields>> {
        const out: Partial<CampaignFields> = {};
        if (design.categoryCode !== undefined) {
            const category = await this.catalog.categoryByCode(design.categoryCode);
            if (!category)
                throw new RefillError('REFILL_VALIDATION', 'Invalid campaign', [
                    { path: 'categoryCode', message: `no category ${design.categoryCode}` },
                ]);
            out.categoryId = category.id;
        }
        const copy = <K extends keyof CampaignFields>(key: K, value: CampaignFields[K] | undefined) => {
            if (value !== undefined) out[key] = value;
        };
        copy('code', design.code);
        copy('name', design.name);
        copy('audience', design.audience);
        copy('lapseKPct', design.lapseKPct);
        copy(
            'controlShareBp',
            design.controlSharePct === undefined ? undefined : percentToBasisPoints(design.controlSharePct),
        );
        copy('allowZeroControl', design.allowZeroControl);
        if (design.offer) {
            const o = design.offer;
            out.offerKind = o.kind;
            out.multiplier = o.kind === 'multiplier' ? (o.multiplier ?? null) : null;
            out.giftAmount = o.kind === 'gift' ? (o.giftAmount ?? null) : null;
            out.giftMinAmount = o.kind === 'gift' ? (o.minAmount ?? null) : null;
            out.offerValidDays = o.validDays;
            out.offerBonusLifetimeDays = o.bonusLifetimeDays;
        }
        copy('settlementLagDays', design.settlementLagDays);
        copy('cooldownDays', design.cooldownDays);
        copy('dailyCap', design.dailyCap);
        copy('budgetCap', design.budgetCap);
        copy('senderName', design.senderName);
        // A new cap is judged afresh: the dispatcher sends again while the spend is below it.
        if (design.budgetCap !== undefined && design.budgetCap !== (current?.budgetCap ?? null))
            out.budgetReachedAt = null;
        copy('channels', design.channels?.join(','));
        copy('filters', design.filters === undefined ? undefined : JSON.stringify(design.filters));
        copy(
            'cascade',
            design.cascade === undefined ? undefined : design.cascade && JSON.stringify(design.cascade),
        );
        copy('marginBp', design.marginPct === undefined ? undefined : percentToBasisPoints(design.marginPct));
        copy(
            'redemptionBp',
            design.redemptionPct === undefined ? undefined : percentToBasisPoints(design.redemptionPct),
        );
        if (design.expected) {
            const e = design.expected;
            out.expectedConversionBp =
                e.conversionPct === undefined ? null : percentToBasisPoints(e.conversionPct);
            out.expectedUpliftBp = e.upliftPct === undefined ? null : percentToBasisPoints(e.upliftPct);
            out.expectedDailySize = e.dailySize ?? null;
        }
        copy('runHour', design.runHour);
        copy('startsAt', design.startsAt);
        copy('endsAt', design.endsAt);
        const startsAt = out.startsAt !== undefined ? out.startsAt : (current?.startsAt ?? null);
        const endsAt = out.endsAt !== undefined ? out.endsAt : (current?.endsAt ?? null);
        if (startsAt && endsAt && endsAt <= startsAt)
            throw new RefillError('REFILL_VALIDATION', 'Invalid campaign', [
                { path: 'endsAt', message: 'must be after startsAt' },
            ]);
        return out;
    }

    private async categoryCodes(): Promise<Map<number, string>> {
        return new Map((await this.catalog.categories()).map((c) => [c.id, c.code]));
    }

    private audit(
        tx: SqlExecutor,
        actor: string,
        action: AuditAction,
        id: number,
        details: Record<string, unknown>,
    ): Promise<void> {
        return this.repos.audit.append(
            tx,
            { actor, action, entityType: 'campaign', entityId: String(id), details },
            this.clock(),
        );
    }
}

/** A design as the audit log keeps it (dates as ISO text). */
function auditDesign(design: Partial<CampaignDesign>): Record<string, unknown> {
    return JSON.parse(JSON.stringify(design)) as Record<string, unknown>;
}
