import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packRefill, unpackIntoHost } from '../helpers/packed-refill.js';

const run = promisify(execFile);

/** The values `import … from 'refill'` may give: the README's "Public API (stable for 0.x)". */
const ROOT_VALUES = [
    'createRefill',
    'refillEntities',
    'refillMigrations',
    'RefillError',
    'RefillConfigError',
    'ChannelError',
    // The entity schemas, one per table (also listed in refillEntities).
    'AdminSessionEntity',
    'AdminTokenEntity',
    'AdminUserEntity',
    'AdminUserStoreEntity',
    'AuditEntryEntity',
    'BonusLotEntity',
    'CampaignEntity',
    'CampaignExclusionEntity',
    'CampaignMemberEntity',
    'CampaignRunEntity',
    'CardReplacementEntity',
    'DailyFiguresEntity',
    'MemberFiguresEntity',
    'FigureWatermarkEntity',
    'CascadeEntity',
    'CategoryEntity',
    'CategoryRebuildEntity',
    'CategoryRuleEntity',
    'ConsentEventEntity',
    'CustomerCategoryStatEntity',
    'CustomerConsentEntity',
    'CustomerEntity',
    'ChainEntity',
    'ChainRunEntity',
    'ChainStepLogEntity',
    'CustomSegmentEntity',
    'HomeStoreEntity',
    'CustomerLifecycleEntity',
    'LifecycleTransitionEntity',
    'SegmentSizeEntity',
    'SendRateEntity',
    'EmailEventEntity',
    'CustomerServiceConsentEntity',
    'ImportCheckpointEntity',
    'LedgerEntryEntity',
    'MessageEntity',
    'OfferEntity',
    'OutboxMessageEntity',
    'PosKeyEntity',
    'ProductEntity',
    'PurchaseEntity',
    'PurchaseLineEntity',
    'PurchaseReturnEntity',
    'SendBatchEntity',
    'SettingEntity',
    'SignInFailureEntity',
    'StoreEntity',
    'TemplateOverrideEntity',
    'TemplateVersionEntity',
];

/** The types `import type … from 'refill'` may name, besides the values' own names. */
const ROOT_TYPES = [
    // The instance, its options and its logger.
    'Refill',
    'RefillOptions',
    'AccrualOptions',
    'RedemptionOptions',
    'ReturnOptions',
    'PosOptions',
    'CampaignOptions',
    'MessagingOptions',
    'SendGuardOptions',
    'ChannelsConfig',
    'ProviderConfig',
    'RefillLogger',
    'ErrorCode',
    // Hooks: their input and output.
    'RefillHooks',
    'PreviewInput',
    'PreviewResult',
    'PurchaseInput',
    'PurchaseRequest',
    'PurchaseResult',
    'BasketLineInput',
    'ReturnInput',
    'ReturnRequest',
    'ReturnResult',
    'CustomerUpdate',
    'CustomerView',
    'BalanceView',
    'OfferView',
    // The admin facade: its input and output.
    'RefillAdmin',
    'StoreInput',
    'PosKeyInput',
    'CreatedPosKey',
    'PosKeySummary',
    'AdminUserInput',
    'AdminUserView',
    'CategoryPut',
    'CategoryView',
    'RebuildProgress',
    'CampaignDraft',
    'CampaignDesign',
    'CampaignView',
    'CampaignReport',
    'JobStatus',
    'ImportRecord',
    'CustomerImportRecord',
    'ReceiptImportRecord',
    'ImportOptions',
    'ImportSummary',
    // Channel providers a host writes.
    'Channel',
    'ChannelProvider',
    'OutgoingMessage',
    'SendResult',
    'StatusUpdate',
    // Row types of the entities.
    'AdminRole',
    'AdminSession',
    'AdminToken',
    'AdminUser',
    'AdminUserStore',
    'AuditEntry',
    'BonusLot',
    'Campaign',
    'CampaignExclusion',
    'CampaignMember',
    'CampaignRun',
    'CampaignStatus',
    'CardKind',
    'CardReplacement',
    'DailyFigures',
    'FigureWatermark',
    'MemberFigures',
    'Cascade',
    'CascadeStatus',
    'Category',
    'CategoryRebuild',
    'CategoryRule',
    'ConsentEvent',
    'Customer',
    'CustomSegment',
    'HomeStore',
    'EmailEvent',
    'SendRate',
    'CustomerCategoryStat',
    'CustomerConsent',
    'CustomerServiceConsent',
    'ImportCheckpoint',
    'LedgerEntry',
    'LedgerKind',
    'LotKind',
    'LotState',
    'Message',
    'Offer',
    'OutboxMessage',
    'PosKey',
    'Product',
    'Purchase',
    'PurchaseLine',
    'PurchaseReturn',
    'RebuildPhase',
    'RebuildState',
    'SendBatch',
    'Setting',
    'SignInFailure',
    'SignInScope',
    'Store',
    'TemplateOverride',
    'TemplateVersion',
];

/** What `createRefill()` returns: exactly these keys, nothing else (no symbols either). */
const REFILL_KEYS = ['admin', 'hooks', 'migrate', 'router', 'start', 'stop'];

/** Runs in the host directory: imports Refill the way a host does and reports what it sees. */
const HOST_SCRIPT = `
import * as root from 'refill';
import * as testing from 'refill/testing';
const refill = root.createRefill({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
const deep = await import('refill/dist/plugin/refill.js').then(() => 'imported', (e) => e.code);
const report = {
    root: Object.keys(root),
    testing: Object.keys(testing),
    refill: Reflect.ownKeys(refill).map(String),
    admin: Reflect.ownKeys(refill.admin).map(String),
    adminMethods: Object.getOwnPropertyNames(Object.getPrototypeOf(refill.admin)),
    internals: Object.keys(testing.refillInternals(refill)),
    entitiesExported: root.refillEntities.every((e) => Object.values(root).includes(e)),
    deep,
};
await refill.stop();
console.log(JSON.stringify(report));
`;

/** Every name the package's type entry point exports (types and values), through TypeScript. */
function declaredExports(host: string): string[] {
    const entry = join(host, 'node_modules/refill/dist/plugin/index.d.ts');
    const program = ts.createProgram([entry], {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2023,
        skipLibCheck: true,
        noEmit: true,
        types: [],
    });
    const checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    return checker.getExportsOfModule(module).map((s) => s.name);
}

const sorted = (names: string[]) => [...names].sort();

describe('the built package, imported as a host imports it', () => {
    let host: string;
    let report: Record<string, unknown>;
    beforeAll(async () => {
        host = mkdtempSync(join(tmpdir(), 'refill-host-'));
        await unpackIntoHost(await packRefill(), host);
        writeFileSync(
            join(host, 'package.json'),
            JSON.stringify({ name: 'host', type: 'module', private: true }),
        );
        writeFileSync(join(host, 'host.mjs'), HOST_SCRIPT);
        const { stdout } = await run(process.execPath, ['host.mjs'], { cwd: host });
        report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    }, 600_000);
    afterAll(() => {
        if (host) rmSync(host, { recursive: true, force: true });
    });

    it('exports exactly the documented values from its root', () => {
        expect(sorted(report.root as string[])).toEqual(sorted(ROOT_VALUES));
        expect(report.entitiesExported).toBe(true);
    });

    it('declares exactly the documented types and values', () => {
        expect(sorted(declaredExports(host))).toEqual(sorted([...ROOT_VALUES, ...ROOT_TYPES]));
    }, 120_000);

    it('gives an instance with exactly router, hooks, admin, migrate, start and stop', () => {
        expect(sorted(report.refill as string[])).toEqual(REFILL_KEYS);
        expect(report.admin).toEqual([]);
        expect(report.adminMethods).toEqual(
            expect.arrayContaining(['addStore', 'createPosKey', 'launchCampaign']),
        );
    });

    it('keeps the internals behind refill/testing and closes every other deep import', () => {
        expect(report.testing).toEqual(['refillInternals']);
        expect(report.internals).toEqual(expect.arrayContaining(['services', 'database', 'repositories']));
        expect(report.deep).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    });
});
