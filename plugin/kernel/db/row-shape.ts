import type { ColumnCodec } from './column-codec.js';
import type { Row } from './sql-executor.js';

/** What a shape knows once its entity's metadata is read. */
interface Resolved {
    table: string;
    parts: readonly ColumnCodec[];
    properties: readonly string[];
    columnNames: readonly string[];
    columns: string;
    placeholderRow: string;
}

/**
 * Some of an entity's properties as rows carry them: reads result rows into
 * objects and writes objects as statement parameters, with the conversions
 * of each column compiled once (no metadata look-up per row). Built before
 * the DataSource is initialised if need be: the columns are resolved on
 * first use.
 */
export class RowShape<V> {
    private resolved: Resolved | null = null;
    private direct: ((row: Row) => V) | null = null;
    private readonly selects = new Map<string, string>();
    private readonly readers = new Map<string, (row: Row) => V>();

    constructor(private readonly resolve: () => { table: string; parts: readonly ColumnCodec[] }) {}

    /** The entity's table. */
    get table(): string {
        return this.state.table;
    }

    /** The properties, in their order. */
    get properties(): ReadonlyArray<keyof V & string> {
        return this.state.properties as ReadonlyArray<keyof V & string>;
    }

    /** The database column names, in the order of the properties. */
    get columnNames(): readonly string[] {
        return this.state.columnNames;
    }

    /** The column list for `SELECT` and `INSERT`: `a, b, c`. */
    get columns(): string {
        return this.state.columns;
    }

    /** The object a result row holds (columns under their own names); may be passed around (`rows.map(shape.fromRow)`). */
    readonly fromRow = (row: Row): V => (this.direct ??= this.reader(''))(row);

    /**
     * The column list qualified with a table alias (`c.id, c.name`), and with
     * `prefix`, each column aliased `prefix` + its name (`s.id AS s_id`) so it
     * can sit beside another table's columns; read such rows with
     * {@link RowShape.reader}.
     */
    select(tableAlias: string, prefix = ''): string {
        const key = `${tableAlias}\u0000${prefix}`;
        let list = this.selects.get(key);
        if (list === undefined) {
            list = this.columnNames
                .map((c) => (prefix ? `${tableAlias}.${c} AS ${prefix}${c}` : `${tableAlias}.${c}`))
                .join(', ');
            this.selects.set(key, list);
        }
        return list;
    }

    /** A reader of rows whose columns carry `prefix` (see {@link RowShape.select}); compiled once per prefix. */
    reader(prefix: string): (row: Row) => V {
        let read = this.readers.get(prefix);
        if (read === undefined) {
            const parts = this.state.parts.map((p) => ({
                property: p.property,
                read: p.read,
                key: prefix + p.column,
            }));
            read = (row: Row): V => {
                const out: Record<string, unknown> = {};
                for (const p of parts) out[p.property] = p.read(row[p.key]);
                return out as V;
            };
            this.readers.set(prefix, read);
        }
        return read;
    }

    /** The parameters of one object, in column order (times as UTC text, flags as 0/1). */
    values(value: V): unknown[] {
        const out = new Array<unknown>(this.state.parts.length);
        this.push(out, value, 0);
        return out;
    }

    /** The parameters of many objects, one after another (multi-row inserts). */
    valuesOf(values: readonly V[]): unknown[] {
        const width = this.state.parts.length;
        const out = new Array<unknown>(values.length * width);
        for (let i = 0; i < values.length; i++) this.push(out, values[i], i * width);
        return out;
    }

    /** `(?, ?, ?), (?, ?, ?)` for `rows` objects. */
    placeholders(rows: number): string {
        const one = this.state.placeholderRow;
        return rows === 1 ? one : new Array(rows).fill(one).join(', ');
    }

    /** `INSERT INTO table (columns) VALUES (?, …), …` for `rows` objects; `verb` may be an `INSERT IGNORE`. */
    insert(rows = 1, verb = 'INSERT'): string {
        return `${verb} INTO ${this.table} (${this.columns}) VALUES ${this.placeholders(rows)}`;
    }

    private get state(): Resolved {
        if (this.resolved === null) {
            const { table, parts } = this.resolve();
            const columnNames = parts.map((p) => p.column);
            this.resolved = {
                table,
                parts,
                properties: parts.map((p) => p.property),
                columnNames,
                columns: columnNames.join(', '),
                placeholderRow: `(${new Array(parts.length).fill('?').join(', ')})`,
            };
        }
        return this.resolved;
    }

    private push(out: unknown[], value: V, at: number): void {
        const source = value as Record<string, unknown>;
        const parts = this.state.parts;
        for (let i = 0; i < parts.length; i++) out[at + i] = parts[i].write(source[parts[i].property]);
    }
}
