import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';

/*
 * Saved custom segments: rules over what Refill knows about a customer
 * (segments module, `GET /segments/fields` describes the conditions). The
 * API documents a rule as an open object (its tree is validated by joi), so
 * the rule's shape is written out here.
 */

/** One leaf of a rule: `{ type, …params }` (see {@link SegmentField}). */
export interface SegmentCondition {
    type: string;
    [param: string]: unknown;
}

/** A segment rule: every rule of `all`, any of `any`, not `not`, or a condition. */
export type SegmentRule =
    { all: SegmentRule[] } | { any: SegmentRule[] } | { not: SegmentRule } | SegmentCondition;

/** One parameter of a condition as `GET /segments/fields` describes it. */
export interface SegmentFieldParam {
    name: string;
    /** joi's type: `number`, `string`, `boolean`, `array`. */
    kind: string;
    required: boolean;
    integer?: boolean;
    min?: number;
    max?: number;
    /** The allowed values (of the value, or of a list's items). */
    values?: unknown[];
}

/** A condition kind and its parameters. */
export interface SegmentField {
    type: string;
    params: SegmentFieldParam[];
}

/** `GET /segments/fields`: the condition kinds and the rule's limits. */
export interface SegmentFields {
    fields: SegmentField[];
    limits: Record<string, number>;
}

/** A saved segment (`GET /segments/:id`). */
export interface CustomSegmentView {
    id: number;
    name: string;
    description: string | null;
    rule: SegmentRule;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
    archivedAt: string | null;
}

/** A live segment in the list, with its member count now (null: the rule cannot be evaluated now). */
export type CustomSegmentSummary = CustomSegmentView & { count: number | null };

/** A member in a sample: id, masked card, name. */
export interface SegmentMember {
    id: number;
    cardNumber: string;
    name: string | null;
}

/** `POST /segments/count`: the customers the rule selects now and ten of them. */
export interface SegmentCount {
    count: number;
    sample: SegmentMember[];
}

/** What `POST /segments` and `PUT /segments/:id` take. */
export interface SegmentBody {
    name: string;
    description: string | null;
    rule: SegmentRule;
}

/** Query keys of the custom segments. */
export const segmentKeys = {
    all: ['segments'] as const,
    fields: () => [...segmentKeys.all, 'fields'] as const,
    list: () => [...segmentKeys.all, 'list'] as const,
    one: (id: number) => [...segmentKeys.all, 'one', id] as const,
    count: (rule: string) => [...segmentKeys.all, 'count', rule] as const,
};

/** The condition kinds a rule may use (they change only with a release). */
export function useSegmentFields() {
    return useQuery({
        queryKey: segmentKeys.fields(),
        queryFn: async () => (await call(api.GET('/segments/fields', {}))) as unknown as SegmentFields,
        staleTime: Infinity,
    });
}

/** The live segments with their counts now. */
export function useSegments() {
    return useQuery({
        queryKey: segmentKeys.list(),
        queryFn: async () => (await call(api.GET('/segments', {}))).data as CustomSegmentSummary[],
    });
}

/** One saved segment; not fetched when `id` is null (a new segment). */
export function useSegment(id: number | null) {
    return useQuery({
        queryKey: segmentKeys.one(id ?? 0),
        queryFn: async () =>
            (await call(
                api.GET('/segments/{id}', { params: { path: { id: id ?? 0 } } }),
            )) as CustomSegmentView,
        enabled: id !== null,
    });
}

/**
 * The live count of `rule` with a sample (`POST /segments/count`); idle while
 * `rule` is null (not complete yet). The last answer stays while the next
 * one loads, so the figure does not blink as the rule changes.
 */
export function useSegmentCount(rule: SegmentRule | null) {
    const key = rule ? JSON.stringify(rule) : '';
    return useQuery({
        queryKey: segmentKeys.count(key),
        queryFn: async () => (await call(api.POST('/segments/count', { body: { rule } }))) as SegmentCount,
        enabled: rule !== null,
        placeholderData: keepPreviousData,
        retry: false,
        staleTime: 30_000,
    });
}

/** Creates a segment (`id` null) or changes one; the list reloads. */
export function useSaveSegment() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async ({ id, body }: { id: number | null; body: SegmentBody }) =>
            (id === null
                ? await call(api.POST('/segments', { body }))
                : await call(
                      api.PUT('/segments/{id}', { params: { path: { id } }, body }),
                  )) as CustomSegmentView,
        onSuccess: (saved) => {
            queryClient.setQueryData(segmentKeys.one(saved.id), saved);
            void queryClient.invalidateQueries({ queryKey: segmentKeys.list() });
        },
    });
}

/** Archives a segment (`DELETE /segments/:id`); the list reloads. */
export function useArchiveSegment() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async (id: number) =>
            (await call(api.DELETE('/segments/{id}', { params: { path: { id } } }))) as CustomSegmentView,
        onSuccess: (archived) => {
            queryClient.setQueryData(segmentKeys.one(archived.id), archived);
            void queryClient.invalidateQueries({ queryKey: segmentKeys.list() });
        },
    });
}
