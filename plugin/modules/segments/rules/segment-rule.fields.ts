import type Joi from 'joi';
import { SEGMENT_CONDITION_SCHEMAS, SEGMENT_CONDITION_TYPES } from './segment-rule.schema.js';
import {
    SEGMENT_RULE_MAX_DAYS,
    SEGMENT_RULE_MAX_DEPTH,
    SEGMENT_RULE_MAX_GROUP,
    SEGMENT_RULE_MAX_LIST,
    SEGMENT_RULE_MAX_NODES,
    type SegmentConditionType,
} from './segment-rule.types.js';

/** One parameter of a condition, as the editor shows it. */
export interface SegmentFieldParam {
    name: string;
    /** joi's type: `number`, `string`, `boolean`, `array`. */
    kind: string;
    required: boolean;
    /** Whole numbers only. */
    integer?: boolean;
    min?: number;
    max?: number;
    /** The allowed values (of the value, or of a list's items). */
    values?: unknown[];
}

/** A condition kind and its parameters. */
export interface SegmentField {
    type: SegmentConditionType;
    params: SegmentFieldParam[];
}

interface Described {
    type: string;
    flags?: { presence?: string; only?: boolean };
    allow?: unknown[];
    rules?: Array<{ name: string; args?: { limit?: number } }>;
    items?: Described[];
}

/** A parameter from its joi description. */
function param(name: string, d: Described): SegmentFieldParam {
    const out: SegmentFieldParam = { name, kind: d.type, required: d.flags?.presence === 'required' };
    const source = d.type === 'array' && d.items?.[0] ? d.items[0] : d;
    for (const rule of source.rules ?? []) {
        if (rule.name === 'integer') out.integer = true;
        if (rule.name === 'min' && typeof rule.args?.limit === 'number') out.min = rule.args.limit;
        if (rule.name === 'max' && typeof rule.args?.limit === 'number') out.max = rule.args.limit;
        if (rule.name === 'greater' && typeof rule.args?.limit === 'number') out.min = rule.args.limit;
    }
    if (source.flags?.only && source.allow) out.values = source.allow;
    return out;
}

/** Every condition kind with its parameters, read from the schemas that validate them. */
export function segmentFields(): { fields: SegmentField[]; limits: Record<string, number> } {
    const fields = SEGMENT_CONDITION_TYPES.map((type) => {
        const described = (SEGMENT_CONDITION_SCHEMAS[type] as Joi.ObjectSchema).describe() as {
            keys: Record<string, Described>;
        };
        const params = Object.entries(described.keys)
            .filter(([name]) => name !== 'type')
            .map(([name, d]) => param(name, d));
        return { type, params };
    });
    return {
        fields,
        limits: {
            maxDepth: SEGMENT_RULE_MAX_DEPTH,
            maxGroup: SEGMENT_RULE_MAX_GROUP,
            maxNodes: SEGMENT_RULE_MAX_NODES,
            maxList: SEGMENT_RULE_MAX_LIST,
            maxDays: SEGMENT_RULE_MAX_DAYS,
        },
    };
}
