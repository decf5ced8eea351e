import type { SegmentCondition, SegmentRule } from '../../../api/segments';

/*
 * The rule builder's model: a root group (all / any, optionally negated) of
 * condition rows and at most one nested group of rows. It turns into the
 * API's rule tree and back, and remembers where each row and group sits in
 * that tree, so a 400's paths (`rule.all[1].minDays`) land at their row.
 */

/** A parameter's value as the form holds it: a number field `''` while empty, lists as strings. */
export type ParamValue = number | string | boolean | string[];

/** One condition row: its kind and its parameters by name. */
export interface ConditionRow {
    key: string;
    type: string;
    params: Record<string, ParamValue>;
}

/** A group of rules: every one (`all`) or any one (`any`), or none of that (`negated`). */
export interface RuleGroup {
    key: string;
    mode: 'all' | 'any';
    negated: boolean;
    items: RuleItem[];
}

/** A group's item: a condition row, or (in the root group only) a nested group. */
export type RuleItem = ConditionRow | RuleGroup;

/** Whether an item is a group. */
export function isGroup(item: RuleItem): item is RuleGroup {
    return 'items' in item;
}

/** Money parameters (minor units in the API, the currency's major units in the form), by condition. */
export const MONEY_PARAMS: Readonly<Record<string, readonly string[]>> = {
    purchases: ['amountMin', 'amountMax'],
    balance: ['min', 'max'],
    burning: ['amountMin'],
};

/** List parameters whose items are ids (numbers in the API, strings in a multi-select). */
const ID_LISTS = new Set(['categoryIds', 'storeIds']);
/** Single parameters that are ids. */
const ID_VALUES = new Set(['storeId']);

let nextKey = 0;
/** A key for a new row or group (React's key, and the error map's). */
export function newKey(prefix: string): string {
    nextKey += 1;
    return `${prefix}${nextKey}`;
}

/** An empty root group. */
export function emptyRoot(): RuleGroup {
    return { key: newKey('g'), mode: 'all', negated: false, items: [] };
}

/** A new row of `type` with no parameters set. */
export function newRow(type: string): ConditionRow {
    return { key: newKey('c'), type, params: {} };
}

/** How the form's values of a rule map to the API: the currency's minor units per major unit. */
export interface RuleUnits {
    minorPerMajor: number;
}

/** A condition's parameters for the API: empties dropped, money in minor units, ids as numbers. */
function conditionOf(row: ConditionRow, units: RuleUnits): SegmentCondition {
    const out: SegmentCondition = { type: row.type };
    const money = MONEY_PARAMS[row.type] ?? [];
    for (const [name, value] of Object.entries(row.params)) {
        if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
        if (Array.isArray(value)) out[name] = ID_LISTS.has(name) ? value.map(Number) : value;
        else if (typeof value === 'number' && money.includes(name))
            out[name] = Math.round(value * units.minorPerMajor);
        else if (ID_VALUES.has(name) && typeof value === 'string') out[name] = Number(value);
        else out[name] = value;
    }
    return out;
}

/** The API's rule of a built group, with the path of every row and group in it. */
export interface BuiltRule {
    rule: SegmentRule;
    /** Row or group key → its path in the request body (`rule.all[0]`). */
    paths: Map<string, string>;
}

/** Builds `group` at `path` (the group's own path; its items under `.all`/`.any`, behind `.not` if negated). */
function buildGroup(
    group: RuleGroup,
    path: string,
    units: RuleUnits,
    paths: Map<string, string>,
): SegmentRule {
    paths.set(group.key, path);
    const inner = group.negated ? `${path}.not` : path;
    const items = group.items.map((item, i) => {
        const at = `${inner}.${group.mode}[${i}]`;
        if (isGroup(item)) return buildGroup(item, at, units, paths);
        paths.set(item.key, at);
        return conditionOf(item, units);
    });
    const rule = group.mode === 'all' ? { all: items } : { any: items };
    return group.negated ? { not: rule } : rule;
}

/** The API's rule of the builder's root group (null while it has no item: nothing to count). */
export function buildRule(root: RuleGroup, units: RuleUnits): BuiltRule | null {
    if (root.items.length === 0) return null;
    const paths = new Map<string, string>();
    return { rule: buildGroup(root, 'rule', units, paths), paths };
}

/** A condition from the API as a row: money in major units, ids as strings. */
function rowOf(cond: SegmentCondition, units: RuleUnits): ConditionRow {
    const money = MONEY_PARAMS[cond.type] ?? [];
    const params: Record<string, ParamValue> = {};
    for (const [name, value] of Object.entries(cond)) {
        if (name === 'type') continue;
        if (Array.isArray(value)) params[name] = value.map(String);
        else if (typeof value === 'number' && money.includes(name))
            params[name] = value / units.minorPerMajor;
        else if (ID_VALUES.has(name)) params[name] = String(value);
        else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
            params[name] = value;
    }
    return { key: newKey('c'), type: cond.type, params };
}

/** A group node (`all`, `any`, or `not` of one) as a builder group; null when it is a condition. */
function groupOf(rule: SegmentRule, units: RuleUnits, depth: number): RuleGroup | null {
    let negated = false;
    let node = rule;
    if ('not' in node) {
        negated = true;
        node = (node as { not: SegmentRule }).not;
        if (!('all' in node) && !('any' in node)) {
            // `not` of a condition: a negated group of that one condition.
            if ('not' in node) return null;
            node = { all: [node] };
        }
    }
    const mode = 'all' in node ? 'all' : 'any' in node ? 'any' : null;
    if (mode === null) return null;
    const list = (node as Record<string, SegmentRule[]>)[mode];
    const items: RuleItem[] = [];
    for (const item of list) {
        if ('all' in item || 'any' in item || 'not' in item) {
            if (depth > 0) return null;
            const nested = groupOf(item, units, depth + 1);
            if (!nested) return null;
            items.push(nested);
        } else items.push(rowOf(item as SegmentCondition, units));
    }
    if (items.filter(isGroup).length > 1) return null;
    return { key: newKey('g'), mode, negated, items };
}

/**
 * A saved rule as the builder's root group; a lone condition becomes an
 * `all` group of it. Null when the rule nests deeper than the builder shows
 * (more than one nested group, or groups in a nested group).
 */
export function parseRule(rule: SegmentRule, units: RuleUnits): RuleGroup | null {
    if (!('all' in rule) && !('any' in rule) && !('not' in rule)) {
        return { key: newKey('g'), mode: 'all', negated: false, items: [rowOf(rule, units)] };
    }
    return groupOf(rule, units, 0);
}

/** One problem of the API, at the row or group it belongs to. */
export interface PlacedProblem {
    /** The row or group key; null when no row or group holds the path. */
    key: string | null;
    /** The row's parameter, when the path names one. */
    param: string | null;
    /** The path in the request body (`rule.all[0].minDays`, `name`). */
    path: string;
    /** joi's type (`number.min`…), or the API code for a 422. */
    type: string;
    message: string;
}

/**
 * Places the API's problems (`{ path, type, message }`) at the deepest row or
 * group whose path starts theirs; the rest of the path after a row names its
 * parameter.
 */
export function placeProblems(
    details: ReadonlyArray<{ path?: unknown; type?: unknown; message?: unknown }>,
    paths: ReadonlyMap<string, string>,
): PlacedProblem[] {
    const entries = [...paths.entries()].sort((a, b) => b[1].length - a[1].length);
    return details.map((detail) => {
        const path = typeof detail.path === 'string' ? detail.path : '';
        const type = typeof detail.type === 'string' ? detail.type : '';
        const message = typeof detail.message === 'string' ? detail.message : '';
        const hit = entries.find(
            ([, at]) => path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`),
        );
        if (!hit) return { key: null, param: null, path, type, message };
        const rest = path.slice(hit[1].length);
        const param = /^\.([A-Za-z]+)/.exec(rest)?.[1] ?? null;
        // A group's own problems (`.all` too short) stay with the group, not as a parameter.
        const isGroupPath = param === 'all' || param === 'any' || param === 'not';
        return { key: hit[0], param: isGroupPath ? null : param, path, type, message };
    });
}

/**
 * Whether every group has an item and every row its required parameters
 * (as `fields` describes them): only then is the rule worth counting. What
 * the API alone can judge (bounds in order, a store on the map) it judges.
 */
export function isComplete(
    group: RuleGroup,
    fields: ReadonlyArray<{ type: string; params: ReadonlyArray<{ name: string; required: boolean }> }>,
): boolean {
    if (group.items.length === 0) return false;
    return group.items.every((item) => {
        if (isGroup(item)) return isComplete(item, fields);
        const field = fields.find((f) => f.type === item.type);
        return (field?.params ?? []).every((param) => {
            if (!param.required) return true;
            const value = item.params[param.name];
            return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
        });
    });
}
