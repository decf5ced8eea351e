import { validateOrThrow } from './kernel/http/validate.js';
import type { JobControlService } from './kernel/jobs/job-control.service.js';
import type { JobStatus } from './kernel/jobs/refill-scheduler.js';
import { percentToBasisPoints } from './kernel/units/shares.js';
import type {
    AdminAuthService,
    AdminUser,
    CreatedPosKey,
    PosKeyService,
    PosKeySummary,
    Store,
    StoreService,
} from './modules/admin/index.js';
import { idParams } from './kernel/http/admin.schemas.js';
import {
    categoryBody,
    type CategoryRebuildService,
    type CategoryView,
    type ChronicCategoryService,
    type RebuildProgress,
} from './modules/catalog/index.js';
import {
    type CampaignDesign,
    type CampaignReport,
    type CampaignReportService,
    type CampaignService,
    type CampaignView,
    createCampaignBody,
} from './modules/campaigns/index.js';
import type {
    HistoryImportService,
    ImportOptions,
    ImportRecord,
    ImportSummary,
} from './modules/import/index.js';
import {
    adminUserInput,
    posKeyInput,
    storeInput,
    type AdminUserInput,
    type CampaignDraft,
    type CategoryPut,
    type PosKeyInput,
    type StoreInput,
} from './refill-admin.inputs.js';

/** The audit log's author of a change a host script makes without naming one. */
export const HOST_ACTOR = 'host';

/** An admin user as lists show it: never the password hash. */
export type AdminUserView = Omit<AdminUser, 'passwordHash'>;

/** The services the facade delegates to (built by the composition root). */
export interface RefillAdminServices {
    stores: StoreService;
    posKeys: PosKeyService;
    adminAuth: AdminAuthService;
    categories: ChronicCategoryService;
    categoryRebuilds: CategoryRebuildService;
    campaigns: CampaignService;
    campaignReports: CampaignReportService;
    jobs: JobControlService;
    history: HistoryImportService;
}

/**
 * What a host may script on Refill (`refill.admin`): stores, POS keys, admin
 * users, categories, the campaign lifecycle, job control and the history import. Each call
 * validates its input as the admin API does (a 400-style `RefillError` with
 * `REFILL_VALIDATION` and the bad fields), delegates to the same service the
 * admin API and the CLI use, and is audited under `actor` (default
 * {@link HOST_ACTOR}). Stable for 0.x.
 */
export class RefillAdmin {
    /** A true private field: the services never show on `refill.admin` (keys, spreads, property access). */
    readonly #s: RefillAdminServices;

    constructor(services: RefillAdminServices) {
        this.#s = services;
    }

    /** Creates a store, or renames it (and changes its timezone) when the code exists. */
    async addStore(input: StoreInput, actor = HOST_ACTOR): Promise<Store> {
        const store = validateOrThrow(storeInput, input);
        return this.#s.stores.upsert(store.code, store.name, store.timezone ?? null, actor);
    }

    /** Every store of the chain. */
    async listStores(): Promise<Store[]> {
        return this.#s.stores.list();
    }

    /** Issues a POS key for a store; `key` is in this answer once and stored only as a hash. */
    async createPosKey(input: PosKeyInput, actor = HOST_ACTOR): Promise<CreatedPosKey> {
        const key = validateOrThrow(posKeyInput, input);
        return this.#s.posKeys.create(key.storeCode, key.label ?? null, actor);
    }

    /** Every POS key (the first characters only), revoked ones included. */
    async listPosKeys(): Promise<PosKeySummary[]> {
        return this.#s.posKeys.list();
    }

    /** Revokes a POS key by id: at once on this instance, within about half a second on the others. */
    async revokePosKey(id: number, actor = HOST_ACTOR): Promise<void> {
        await this.#s.posKeys.revoke(this.id(id), actor);
    }

    /** Creates a person who may sign in to the admin API and UI. */
    async createAdminUser(input: AdminUserInput, actor = HOST_ACTOR): Promise<void> {
        const user = validateOrThrow(adminUserInput, input);
        await this.#s.adminAuth.createUser(
            user.username,
            user.password,
            user.role,
            actor,
            user.displayName ?? null,
        );
    }

    /** Every admin user, disabled ones included (without password hashes). */
    async listAdminUsers(): Promise<AdminUserView[]> {
        return this.#s.adminAuth.listUsers();
    }

    /** Every category, chronic ones first; with `reach` (default), buyers and revenue of the last year too. */
    async listCategories(options: { reach?: boolean } = {}): Promise<CategoryView[]> {
        return this.#s.categories.list(options.reach ?? true);
    }

    /**
     * Creates or changes a category by code. New rules start a rebuild of its
     * lines and statistics from the stored history on a job worker.
     */
    async putCategory(code: string, input: CategoryPut, actor = HOST_ACTOR): Promise<CategoryView> {
        const { marginPct, ...category } = validateOrThrow(categoryBody, input) as Required<CategoryPut>;
        return this.#s.categories.upsert(
            {
                ...category,
                code,
                marginBp: marginPct === null ? null : percentToBasisPoints(marginPct),
            },
            actor,
        );
    }

    /** Starts (or resumes from its checkpoint) the rebuild of a category from the stored history. */
    async rebuildCategory(code: string, actor = HOST_ACTOR): Promise<RebuildProgress> {
        return this.#s.categoryRebuilds.rebuild(code, actor);
    }

    /** The progress of a category's latest rebuild; null if it was never rebuilt. */
    async categoryRebuildStatus(code: string): Promise<RebuildProgress | null> {
        return this.#s.categoryRebuilds.progress(code);
    }

    /** Every campaign, newest first. */
    async listCampaigns(): Promise<CampaignView[]> {
        return this.#s.campaigns.list();
    }

    /** Creates a campaign draft; absent design fields take the admin API's defaults. */
    async createCampaign(draft: CampaignDraft, actor = HOST_ACTOR): Promise<CampaignView> {
        return this.#s.campaigns.create(validateOrThrow<CampaignDesign>(createCampaignBody, draft), actor);
    }

    /** Launches a draft: its assignment design freezes; scheduled until its start, active from then on. */
    async launchCampaign(id: number, actor = HOST_ACTOR): Promise<CampaignView> {
        return this.#s.campaigns.launch(this.id(id), actor);
    }

    /** Pauses a campaign's daily selection (offers already given stay valid). */
    async pauseCampaign(id: number, actor = HOST_ACTOR): Promise<CampaignView> {
        return this.#s.campaigns.pause(this.id(id), actor);
    }

    /** Resumes a paused campaign. */
    async resumeCampaign(id: number, actor = HOST_ACTOR): Promise<CampaignView> {
        return this.#s.campaigns.resume(this.id(id), actor);
    }

    /** Stops (finishes) a campaign: no new members; its report keeps measuring open windows. */
    async stopCampaign(id: number, actor = HOST_ACTOR): Promise<CampaignView> {
        return this.#s.campaigns.finish(this.id(id), actor);
    }

    /** A campaign's report: sample and health, test against control results, money and messaging figures. */
    async campaignReport(id: number): Promise<CampaignReport> {
        return this.#s.campaignReports.report(this.id(id));
    }

    /** Every job with its schedule, last and next run, failures and recent runs. */
    async listJobs(): Promise<JobStatus[]> {
        return this.#s.jobs.list();
    }

    /** Runs a job now on a worker (a failed job too: this is its retry). */
    async runJob(name: string, actor = HOST_ACTOR): Promise<void> {
        await this.#s.jobs.run(name, actor);
    }

    /** Pauses a job on every instance. */
    async pauseJob(name: string, actor = HOST_ACTOR): Promise<void> {
        return this.#s.jobs.pause(name, actor);
    }

    /** Resumes a paused job. */
    async resumeJob(name: string, actor = HOST_ACTOR): Promise<void> {
        return this.#s.jobs.resume(name, actor);
    }

    /**
     * Imports customers (with opening balances) and past receipts from any
     * iterable, e.g. a generator over the host's old tables; see
     * docs/import-formats.md. Receipts already present are skipped; with
     * `checkpoint`, a run that died resumes where it stopped. Bad records are
     * counted and listed in the summary, not thrown.
     */
    async importHistory(
        records: AsyncIterable<ImportRecord> | Iterable<ImportRecord>,
        options: ImportOptions = {},
    ): Promise<ImportSummary> {
        return this.#s.history.importRecords(records, options);
    }

    /** A campaign or POS key id, checked as the admin API checks it. */
    private id(id: number): number {
        return validateOrThrow(idParams, { id }).id as number;
    }
}
