import type { ErrorDetail } from '../../../kernel/errors/refill-error.js';
import { trafficOf, type MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { TrafficClass } from '../../../kernel/vocabulary/traffic-classes.js';
import type { ChainBranchCondition, ChainDesign, ChainStep } from './chain-definition.js';

/*
 * The checks of a chain's design that joi cannot make: they look across
 * steps (ids, branch targets, loops) or at what exists (kinds a chain can
 * send, categories, saved segments). Pure: what exists comes in as values.
 */

/**
 * The message kinds a chain's send step may use: those whose template needs
 * nothing a chain cannot give. `bonus-expiry` needs the burning bonuses, so
 * only a `bonuses-burning` chain may send it; campaign offers and the
 * after-purchase balance belong to their own flows.
 */
export const CHAIN_SENDABLE_KINDS = [
    'welcome',
    'bonus-expiry',
    'second-purchase',
    'winback',
    'wonback-thanks',
] as const satisfies readonly MessageKind[];

/** Branch conditions that ask about the run's last send. */
const MESSAGE_CONDITIONS: readonly ChainBranchCondition[] = ['delivered', 'opened', 'clicked'];

/** What exists, for the checks that need it (null: cannot be checked here, accepted). */
export interface ChainDesignContext {
    /** Ids of the catalog's categories. */
    categoryIds: ReadonlySet<number> | null;
    /** Ids of saved custom segments. */
    segmentIds: ReadonlySet<number> | null;
}

/**
 * The traffic class of a chain, from its send steps: `marketing` when any
 * send step's kind is marketing (the global control group then never enters
 * it, and its messages need marketing consent), otherwise `service`.
 */
export function chainTraffic(design: Pick<ChainDesign, 'steps'>): TrafficClass {
    return design.steps.some((s) => s.type === 'send' && trafficOf(s.kind) === 'marketing')
        ? 'marketing'
        : 'service';
}

/** The message kinds a design's send steps use, each once, in step order. */
export function chainSendKinds(design: Pick<ChainDesign, 'steps'>): MessageKind[] {
    return [...new Set(design.steps.flatMap((s) => (s.type === 'send' ? [s.kind] : [])))];
}

/** The indexes a step may move to next: its branch targets or the next step; none after an exit or the last. */
function successors(steps: readonly ChainStep[], index: number, ids: Map<string, number>): number[] {
    const step = steps[index];
    if (step.type === 'exit') return [];
    const next = index + 1 < steps.length ? [index + 1] : [];
    if (step.type !== 'branch') return next;
    const target = (id: string | undefined) =>
        id === undefined ? next : ids.has(id) ? [ids.get(id) as number] : [];
    return [...new Set([...target(step.then), ...target(step.otherwise)])];
}

/** Index of a branch step that closes a loop without a wait step in it (null: none). */
function loopWithoutWait(steps: readonly ChainStep[], ids: Map<string, number>): number | null {
    // Depth-first search over the steps that are not waits: a back edge is a loop a run could spin in.
    const state = new Array<0 | 1 | 2>(steps.length).fill(0);
    const visit = (i: number): number | null => {
        state[i] = 1;
        for (const j of successors(steps, i, ids)) {
            if (steps[j].type === 'wait') continue;
            if (state[j] === 1) return i;
            if (state[j] === 0) {
                const found = visit(j);
                if (found !== null) return found;
            }
        }
        state[i] = 2;
        return null;
    };
    for (let i = 0; i < steps.length; i++)
        if (state[i] === 0 && steps[i].type !== 'wait') {
            const found = visit(i);
            if (found !== null) return found;
        }
    return null;
}

/**
 * Every problem of a (joi-valid) design, each with the path of the field
 * at fault: at least one step, step ids unique, branch targets existing,
 * no loop without a wait, message branches after a send, send kinds a
 * chain can send, the trigger's category and the schedule's segment
 * existing. An empty list: the design is sound.
 */
export function checkChainDesign(design: ChainDesign, context: ChainDesignContext): ErrorDetail[] {
    const problems: ErrorDetail[] = [];
    const add = (path: string, message: string, rule: string) => problems.push({ path, message, rule });
    const { steps, trigger } = design;
    if (steps.length === 0) add('steps', 'a chain needs at least one step', 'steps.empty');

    const ids = new Map<string, number>();
    steps.forEach((step, i) => {
        if (ids.has(step.id))
            add(`steps[${i}].id`, `the step id ${step.id} is used twice`, 'steps.duplicate_id');
        else ids.set(step.id, i);
    });
    let sendBefore = false;
    steps.forEach((step, i) => {
        if (step.type === 'send') {
            sendBefore = true;
            if (!(CHAIN_SENDABLE_KINDS as readonly string[]).includes(step.kind))
                add(
                    `steps[${i}].kind`,
                    `a chain cannot send ${step.kind} messages`,
                    'steps.kind_not_sendable',
                );
            else if (step.kind === 'bonus-expiry' && trigger.type !== 'bonuses-burning')
                add(
                    `steps[${i}].kind`,
                    'bonus-expiry messages need a bonuses-burning trigger',
                    'steps.kind_needs_trigger',
                );
        }
        if (step.type !== 'branch') return;
        for (const side of ['then', 'otherwise'] as const) {
            const target = step[side];
            if (target !== undefined && !ids.has(target))
                add(`steps[${i}].${side}`, `no step has the id ${target}`, 'steps.unknown_target');
        }
        if (MESSAGE_CONDITIONS.includes(step.condition) && !sendBefore)
            add(
                `steps[${i}].condition`,
                `${step.condition} asks about a message: put a send step before it`,
                'steps.branch_without_send',
            );
    });
    const loop = loopWithoutWait(steps, ids);
    if (loop !== null)
        add(`steps[${loop}]`, 'this step closes a loop without a wait step', 'steps.loop_without_wait');

    if (
        trigger.type === 'purchase-in-category' &&
        context.categoryIds &&
        !context.categoryIds.has(trigger.categoryId)
    )
        add('trigger.categoryId', `no category ${trigger.categoryId}`, 'trigger.unknown_category');
    if (trigger.type === 'schedule' && 'segmentId' in trigger.audience && context.segmentIds) {
        const id = trigger.audience.segmentId;
        if (!context.segmentIds.has(id))
            add('trigger.audience.segmentId', `no saved segment ${id}`, 'trigger.unknown_segment');
    }
    return problems;
}
