import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd });

/** The rule ids ESLint reports for `code` as if it were the file at `filePath`. */
async function reported(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.map((m) => m.ruleId ?? m.message);
}

const RULE = 'no-restricted-imports';

describe('npm run lint enforces the module boundaries', () => {
    it.each([
        [
            "another module's inside",
            'plugin/modules/ledger/services/sale.ts',
            "import { CatalogService } from '../../catalog/services/catalog.service.js';\nexport const used = CatalogService;\n",
        ],
        [
            "another module's inside, type only",
            'plugin/modules/ledger/services/sale.ts',
            "import type { Customer } from '../../customers/entities/customer.entity.js';\nexport type Used = Customer;\n",
        ],
        [
            "another module's inside, re-exported",
            'plugin/modules/import/history.ts',
            "export { CatalogService } from '../catalog/services/catalog.service.js';\n",
        ],
        [
            'plugin/api/ from a module',
            'plugin/modules/ledger/routes/receipts.ts',
            "import { createRefillRouter } from '../../../api/create-refill-router.js';\nexport const used = createRefillRouter;\n",
        ],
        [
            'plugin/index.ts from a module',
            'plugin/modules/ledger/services/sale.ts',
            "import { createRefill } from '../../../index.js';\nexport const used = createRefill;\n",
        ],
        [
            'a composition file from a module',
            'plugin/modules/campaigns/services/selection.ts',
            "import type { Repositories } from '../../../refill-repositories.js';\nexport type Used = Repositories;\n",
        ],
        [
            'a module from the kernel, even through its door',
            'plugin/kernel/http/schemas.ts',
            "import { CustomerService } from '../../modules/customers/index.js';\nexport const used = CustomerService;\n",
        ],
        [
            'the composition level from the kernel',
            'plugin/kernel/jobs/factory.ts',
            "import type { RefillConfig } from '../../config/refill-options.js';\nexport type Used = RefillConfig;\n",
        ],
        [
            "a module's inside from the composition level",
            'plugin/api/router.ts',
            "import { PurchaseService } from '../modules/ledger/services/purchase.service.js';\nexport const used = PurchaseService;\n",
        ],
    ])('reports %s', async (_what, filePath, code) => {
        expect(await reported(filePath, code)).toContain(RULE);
    });

    it.each([
        [
            'a lower module through its door',
            'plugin/modules/ledger/services/sale.ts',
            "import { CatalogService } from '../../catalog/index.js';\nexport const used = CatalogService;\n",
        ],
        [
            "the module's own files and the kernel",
            'plugin/modules/ledger/services/sale.ts',
            "import { balanceAt } from '../rules/balance.rules.js';\nimport { addDays } from '../../../kernel/clock.js';\nexport const used = [balanceAt, addDays];\n",
        ],
        [
            'the option types from a module',
            'plugin/modules/ledger/services/sale.ts',
            "import type { RefillConfig } from '../../../config/refill-options.js';\nexport type Used = RefillConfig;\n",
        ],
        [
            'a door from the composition level',
            'plugin/refill.ts',
            "import { PurchaseService } from './modules/ledger/index.js';\nexport const used = PurchaseService;\n",
        ],
    ])('allows %s', async (_what, filePath, code) => {
        expect(await reported(filePath, code)).not.toContain(RULE);
    });
});
