import type {
    ChainDesign,
    ChainEvent,
    ChainStep,
    ChainTrigger,
    ChainView,
    LifecycleSegment,
    StepType,
} from '../../../api/chain-types';

/*
 * The chain editor's form: the design as the marketer types it (money in
 * currency units, the holdout in percent, empty inputs as ''), and the
 * conversions to and from the API's design (minor units, basis points). An
 * empty required input is left out of the design, so the API's 400 names it
 * at its own path, and {@link fieldOf} puts it at its input.
 */

/** A number input's value: a number, or '' while empty. */
export type NumberValue = number | '';

/** One step as the form holds it: every type's inputs, the type's own ones used. */
export interface StepValues {
    /** React's key: stable while the step moves. */
    key: string;
    id: string;
    type: StepType;
    kind: string;
    channels: string[];
    deadlineHours: NumberValue;
    hours: NumberValue;
    /** null: only the time. */
    until: string | null;
    condition: string;
    segment: string;
    withinHours: NumberValue;
    /** null: the next step. */
    then: string | null;
    otherwise: string | null;
    /** Currency units. */
    bonus: NumberValue;
    lifetimeDays: NumberValue;
}

/** The whole form. */
export interface ChainValues {
    key: string;
    name: string;
    triggerType: ChainTrigger['type'];
    categoryId: NumberValue;
    segment: string;
    daysBefore: NumberValue;
    /** Currency units. */
    amount: NumberValue;
    every: 'day' | 'week';
    weekday: string;
    audienceKind: 'lifecycle' | 'saved';
    audienceSegment: string;
    segmentId: NumberValue;
    steps: StepValues[];
    goal: 'none' | 'purchase' | 'points-used';
    goalWindowDays: NumberValue;
    stopOn: string[];
    reentry: 'once' | 'every' | 'always';
    reentryDays: NumberValue;
    priority: NumberValue;
    holdoutPct: NumberValue;
    /** Currency units; '' for no cap. */
    budgetCap: NumberValue;
}

let keySeq = 0;

/** A fresh React key for a step. */
function stepKey(): string {
    keySeq += 1;
    return `s${keySeq}`;
}

/** A step of `type` with empty inputs and a fresh id not among `taken`. */
export function newStep(type: StepType, taken: readonly string[]): StepValues {
    let n = 1;
    while (taken.includes(`${type}-${n}`)) n += 1;
    return {
        key: stepKey(),
        id: `${type}-${n}`,
        type,
        kind: type === 'send' ? 'winback' : '',
        channels: [],
        deadlineHours: '',
        hours: '',
        until: null,
        condition: type === 'branch' ? 'bought' : '',
        segment: 'won_back',
        withinHours: '',
        then: null,
        otherwise: null,
        bonus: '',
        lifetimeDays: type === 'grant' ? 14 : '',
    };
}

/** The form of a new chain: a welcome on enrolment, then the end. */
export function newChainValues(): ChainValues {
    const send = { ...newStep('send', []), id: 'hello', kind: 'welcome' };
    return {
        key: '',
        name: '',
        triggerType: 'enrolled',
        categoryId: '',
        segment: 'sleeping',
        daysBefore: 7,
        amount: '',
        every: 'day',
        weekday: '1',
        audienceKind: 'lifecycle',
        audienceSegment: 'sleeping',
        segmentId: '',
        steps: [send, { ...newStep('exit', []), id: 'end' }],
        goal: 'purchase',
        goalWindowDays: 30,
        stopOn: [],
        reentry: 'once',
        reentryDays: '',
        priority: 100,
        holdoutPct: 10,
        budgetCap: '',
    };
}

const toUnits = (minor: number, digits: number) => minor / 10 ** digits;
const toMinor = (units: number, digits: number) => Math.round(units * 10 ** digits);

/** A step of the API as the form holds it. */
function stepValues(step: ChainStep, digits: number): StepValues {
    const v = { ...newStep(step.type, []), id: step.id, kind: '', condition: '', lifetimeDays: '' as const };
    switch (step.type) {
        case 'send':
            return {
                ...v,
                kind: step.kind,
                channels: step.channels ?? [],
                deadlineHours: step.deadlineHours ?? '',
            };
        case 'wait':
            return { ...v, hours: step.hours, until: step.until ?? null };
        case 'branch':
            return {
                ...v,
                condition: step.condition,
                segment: step.segment ?? v.segment,
                withinHours: step.withinHours ?? '',
                then: step.then ?? null,
                otherwise: step.otherwise ?? null,
            };
        case 'grant':
            return { ...v, bonus: toUnits(step.bonus, digits), lifetimeDays: step.lifetimeDays };
        case 'exit':
            return v;
    }
}

/** A saved chain as the form holds it. */
export function chainValues(chain: ChainView, digits: number): ChainValues {
    const base = newChainValues();
    const t = chain.trigger;
    return {
        ...base,
        key: chain.key,
        name: chain.name,
        triggerType: t.type,
        categoryId: t.type === 'purchase-in-category' ? t.categoryId : '',
        segment: t.type === 'segment-entered' ? t.segment : base.segment,
        daysBefore: t.type === 'bonuses-burning' ? t.daysBefore : base.daysBefore,
        amount: t.type === 'balance-crossed' ? toUnits(t.amount, digits) : '',
        every: t.type === 'schedule' ? t.every : 'day',
        weekday: t.type === 'schedule' && t.weekday ? String(t.weekday) : '1',
        audienceKind: t.type === 'schedule' && 'segmentId' in t.audience ? 'saved' : 'lifecycle',
        audienceSegment:
            t.type === 'schedule' && 'lifecycle' in t.audience ? t.audience.lifecycle : base.audienceSegment,
        segmentId: t.type === 'schedule' && 'segmentId' in t.audience ? t.audience.segmentId : '',
        steps: chain.steps.map((s) => stepValues(s, digits)),
        goal: chain.goal ?? 'none',
        goalWindowDays: chain.goalWindowDays,
        stopOn: chain.stopOn,
        reentry: chain.reentry.rule,
        reentryDays: chain.reentry.rule === 'every' ? chain.reentry.days : '',
        priority: chain.priority,
        holdoutPct: chain.holdoutBp / 100,
        budgetCap: chain.budgetCap === null ? '' : toUnits(chain.budgetCap, digits),
    };
}

/** `{ [name]: value }` when the input has a value, else nothing (the API then names it if it is required). */
function opt<K extends string, T>(name: K, value: T | '' | null | undefined): Partial<Record<K, T>> {
    return value === '' || value === null || value === undefined ? {} : ({ [name]: value } as Record<K, T>);
}

function trigger(v: ChainValues, digits: number): ChainTrigger {
    switch (v.triggerType) {
        case 'purchase-in-category':
            return { type: v.triggerType, ...opt('categoryId', v.categoryId) } as ChainTrigger;
        case 'segment-entered':
            return { type: v.triggerType, segment: v.segment as LifecycleSegment };
        case 'bonuses-burning':
            return { type: v.triggerType, ...opt('daysBefore', v.daysBefore) } as ChainTrigger;
        case 'balance-crossed':
            return {
                type: v.triggerType,
                ...opt('amount', v.amount === '' ? '' : toMinor(v.amount, digits)),
            } as ChainTrigger;
        case 'schedule':
            return {
                type: 'schedule',
                every: v.every,
                ...(v.every === 'week' ? { weekday: Number(v.weekday) } : {}),
                audience:
                    v.audienceKind === 'lifecycle'
                        ? { lifecycle: v.audienceSegment as LifecycleSegment }
                        : (opt('segmentId', v.segmentId) as { segmentId: number }),
            };
        default:
            return { type: v.triggerType };
    }
}

function step(s: StepValues, digits: number): ChainStep {
    const head = { id: s.id };
    switch (s.type) {
        case 'send':
            return {
                ...head,
                type: 'send',
                kind: s.kind,
                ...(s.channels.length ? { channels: s.channels } : {}),
                ...opt('deadlineHours', s.deadlineHours),
            };
        case 'wait':
            return {
                ...head,
                type: 'wait',
                ...opt('hours', s.hours),
                ...opt('until', s.until as ChainEvent),
            } as ChainStep;
        case 'branch':
            return {
                ...head,
                type: 'branch',
                condition: s.condition as 'bought',
                ...(s.condition === 'entered-segment' ? opt('segment', s.segment as LifecycleSegment) : {}),
                ...opt('withinHours', s.withinHours),
                ...opt('then', s.then),
                ...opt('otherwise', s.otherwise),
            };
        case 'grant':
            return {
                ...head,
                type: 'grant',
                ...opt('bonus', s.bonus === '' ? '' : toMinor(s.bonus, digits)),
                ...opt('lifetimeDays', s.lifetimeDays),
            } as ChainStep;
        case 'exit':
            return { ...head, type: 'exit' };
    }
}

/** The design the API takes, from the form. */
export function designOf(v: ChainValues, digits: number): ChainDesign {
    return {
        key: v.key.trim(),
        name: v.name,
        trigger: trigger(v, digits),
        steps: v.steps.map((s) => step(s, digits)),
        goal: v.goal === 'none' ? null : v.goal,
        ...opt('goalWindowDays', v.goalWindowDays),
        stopOn: v.stopOn as ChainEvent[],
        reentry:
            v.reentry === 'every'
                ? ({ rule: 'every', ...opt('days', v.reentryDays) } as ChainDesign['reentry'])
                : { rule: v.reentry },
        ...opt('priority', v.priority),
        ...opt('holdoutBp', v.holdoutPct === '' ? '' : Math.round(v.holdoutPct * 100)),
        budgetCap: v.budgetCap === '' ? null : toMinor(v.budgetCap, digits),
    } as ChainDesign;
}

/** The trigger's API fields and the form inputs they belong to. */
const TRIGGER_FIELDS: Record<string, string> = {
    trigger: 'triggerType',
    'trigger.type': 'triggerType',
    'trigger.categoryId': 'categoryId',
    'trigger.segment': 'segment',
    'trigger.daysBefore': 'daysBefore',
    'trigger.amount': 'amount',
    'trigger.every': 'every',
    'trigger.weekday': 'weekday',
    'trigger.audience': 'segmentId',
    'trigger.audience.lifecycle': 'audienceSegment',
    'trigger.audience.segmentId': 'segmentId',
    holdoutBp: 'holdoutPct',
    reentry: 'reentry',
    'reentry.rule': 'reentry',
    'reentry.days': 'reentryDays',
};

const STEP_FIELDS = new Set([
    'id',
    'kind',
    'channels',
    'deadlineHours',
    'hours',
    'until',
    'condition',
    'segment',
    'withinHours',
    'then',
    'otherwise',
    'bonus',
    'lifetimeDays',
]);

const TOP_FIELDS = new Set([
    'key',
    'name',
    'steps',
    'goal',
    'goalWindowDays',
    'stopOn',
    'priority',
    'budgetCap',
]);

/**
 * The form input of an API error path (`steps[2].hours` → `steps.2.hours`,
 * `steps[3]` → `steps.3`, `holdoutBp` → `holdoutPct`), or null when the form
 * has no input for it.
 */
export function fieldOf(path: string): string | null {
    if (TRIGGER_FIELDS[path]) return TRIGGER_FIELDS[path];
    if (TOP_FIELDS.has(path)) return path;
    const onStep = /^steps\[(\d+)\](?:\.([a-zA-Z]+))?(?:\[\d+\])?$/.exec(path);
    if (onStep) {
        const [, index, field] = onStep;
        if (!field) return `steps.${index}`;
        return STEP_FIELDS.has(field) ? `steps.${index}.${field}` : `steps.${index}`;
    }
    return null;
}
