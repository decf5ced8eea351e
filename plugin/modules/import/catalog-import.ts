import { isDuplicateKeyError } from '../../kernel/db/db-errors.js';
import { RefillError } from '../../kernel/errors/refill-error.js';
import type { CatalogService, CategoryInput, ProductInput } from '../catalog/index.js';
import { readCategoriesCsv, readProductsCsv, type CatalogRow } from './catalog-csv-reader.js';
import type { CsvOptions, ImportSource } from './csv-source.js';

/** The catalogue methods an import calls (callers pass the catalog service). */
export type CatalogImportPort = Pick<CatalogService, 'upsertCategories' | 'upsertProducts'>;

/** Totals of a catalogue import. */
export interface CatalogImportSummary {
    /** Products inserted or updated. */
    products: number;
    /** Categories inserted or updated (their rules replaced). */
    categories: number;
    /** Rows rejected as invalid. */
    rejected: number;
    /** The first rejected rows, at most 100. */
    errors: Array<{ file: 'products' | 'categories'; line: number; message: string }>;
}

/** The catalogue files to import; either may be left out. */
export interface CatalogSources {
    products?: ImportSource;
    categories?: ImportSource;
}

/** Options of a catalogue import. */
export interface CatalogImportOptions extends CsvOptions {
    /** Products handed to the catalogue service at a time. Default 2000. */
    productChunk?: number;
    /** Categories handed to the catalogue service at a time (one transaction each). Default 200. */
    categoryChunk?: number;
    /** Called after every chunk with the running totals. */
    onProgress?: (summary: CatalogImportSummary) => void;
}

/**
 * Imports categories (with their ATC-prefix and SKU rules) and then products
 * from CSV files, streaming them in chunks through {@link CatalogService} so
 * a large catalogue never sits in memory. Upserts by code and by SKU, so it
 * can be run again with a corrected file. Invalid rows are counted and skipped.
 */
export async function importCatalog(
    catalog: CatalogImportPort,
    sources: CatalogSources,
    options: CatalogImportOptions = {},
): Promise<CatalogImportSummary> {
    const summary: CatalogImportSummary = { products: 0, categories: 0, rejected: 0, errors: [] };
    if (sources.categories) {
        await inChunks(
            withUniqueRules(readCategoriesCsv(sources.categories, options)),
            options.categoryChunk ?? 200,
            'categories',
            summary,
            async (chunk: CategoryInput[]) => {
                try {
                    await catalog.upsertCategories(chunk);
                } catch (error) {
                    if (!isDuplicateKeyError(error)) throw error;
                    throw new RefillError(
                        'REFILL_CONFLICT',
                        'An ATC prefix or SKU of these categories belongs to a category not in the file; move it there first',
                        { categories: chunk.map((c) => c.code) },
                        { cause: error },
                    );
                }
                summary.categories += chunk.length;
                options.onProgress?.(summary);
            },
        );
    }
    if (sources.products) {
        await inChunks(
            readProductsCsv(sources.products, options),
            options.productChunk ?? 2000,
            'products',
            summary,
            async (chunk: ProductInput[]) => {
                await catalog.upsertProducts(chunk);
                summary.products += chunk.length;
                options.onProgress?.(summary);
            },
        );
    }
    return summary;
}

/** Rejects a category row that claims an ATC prefix or SKU an earlier row of the file claimed. */
async function* withUniqueRules(
    rows: AsyncIterable<CatalogRow<CategoryInput>>,
): AsyncGenerator<CatalogRow<CategoryInput>> {
    const owner = new Map<string, string>();
    for await (const row of rows) {
        if (row.error !== undefined) {
            yield row;
            continue;
        }
        const c = row.value;
        const rules = [
            ...(c.atcPrefixes ?? []).map((v) => `atc prefix ${v.toUpperCase()}`),
            ...(c.skus ?? []).map((v) => `sku ${v}`),
        ];
        const taken = rules.find((r) => owner.has(r) && owner.get(r) !== c.code);
        if (taken) {
            yield { line: row.line, error: `${taken} already belongs to category ${owner.get(taken)}` };
            continue;
        }
        for (const r of rules) owner.set(r, c.code);
        yield row;
    }
}

async function inChunks<T>(
    rows: AsyncIterable<CatalogRow<T>>,
    size: number,
    file: 'products' | 'categories',
    summary: CatalogImportSummary,
    write: (chunk: T[]) => Promise<void>,
): Promise<void> {
    let chunk: T[] = [];
    for await (const row of rows) {
        if (row.error !== undefined) {
            summary.rejected++;
            if (summary.errors.length < 100)
                summary.errors.push({ file, line: row.line, message: row.error });
            continue;
        }
        chunk.push(row.value);
        if (chunk.length >= size) {
            await write(chunk);
            chunk = [];
        }
    }
    if (chunk.length) await write(chunk);
}
