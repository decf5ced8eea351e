import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components } from './schema';

/** Each lifecycle segment's size and share now, with the thresholds (`GET /segments/lifecycle`). */
export type LifecycleOverview = components['schemas']['LifecycleOverview'];

/** The lifecycle thresholds, whole days. */
export type LifecycleThresholds = components['schemas']['LifecycleThresholds'];

/** One lifecycle segment. */
export type LifecycleSegment = LifecycleOverview['segments'][number]['segment'];

/** Daily segment sizes over a range (`GET /segments/lifecycle/sizes`). */
export type LifecycleSizes = components['schemas']['LifecycleSizes'];

/** The moves between segments in a month (`GET /segments/lifecycle/flows`). */
export type LifecycleFlows = components['schemas']['LifecycleFlows'];

/** The thresholds in force, the defaults, and whether they were changed. */
export type LifecycleThresholdsView = components['schemas']['LifecycleThresholdsView'];

/** A customer's segment and moves (`GET /customers/:cardNumber/lifecycle`). */
export type CustomerLifecycle = components['schemas']['CustomerLifecycle'];

/** The lifecycle segments in funnel order (the API's vocabulary; the compiler checks they are segments). */
export const LIFECYCLE_SEGMENTS = [
    'enrolled',
    'new',
    'developing',
    'regular',
    'sleeping',
    'churned',
    'won_back',
] as const satisfies readonly LifecycleSegment[];

/** The threshold fields, in the editor's order. */
export const THRESHOLD_FIELDS = [
    'regularWithinDays',
    'sleepingAfterDays',
    'churnedAfterDays',
    'wonBackDays',
] as const satisfies readonly (keyof LifecycleThresholds)[];

/** Query keys of the lifecycle dashboard and the card's lifecycle. */
export const lifecycleKeys = {
    all: ['lifecycle'] as const,
    overview: () => [...lifecycleKeys.all, 'overview'] as const,
    sizes: (from: string, to: string) => [...lifecycleKeys.all, 'sizes', from, to] as const,
    flows: (month: string) => [...lifecycleKeys.all, 'flows', month] as const,
    thresholds: () => [...lifecycleKeys.all, 'thresholds'] as const,
    customer: (cardNumber: string) => ['customers', 'card', cardNumber, 'lifecycle'] as const,
};

/** The segments now, their shares and the thresholds in force. */
export function useLifecycleOverview() {
    return useQuery({
        queryKey: lifecycleKeys.overview(),
        queryFn: () => call(api.GET('/segments/lifecycle', {})),
    });
}

/** The daily snapshots from `from` to `to` (chain-local days, inclusive); the previous range stays while the next loads. */
export function useLifecycleSizes(from: string, to: string) {
    return useQuery({
        queryKey: lifecycleKeys.sizes(from, to),
        queryFn: () => call(api.GET('/segments/lifecycle/sizes', { params: { query: { from, to } } })),
        placeholderData: keepPreviousData,
    });
}

/** The moves between segments in `month` (`YYYY-MM`). */
export function useLifecycleFlows(month: string) {
    return useQuery({
        queryKey: lifecycleKeys.flows(month),
        queryFn: () => call(api.GET('/segments/lifecycle/flows', { params: { query: { month } } })),
        placeholderData: keepPreviousData,
    });
}

/** The thresholds in force and the defaults. */
export function useLifecycleThresholds() {
    return useQuery({
        queryKey: lifecycleKeys.thresholds(),
        queryFn: () => call(api.GET('/segments/lifecycle/thresholds', {})),
    });
}

/** Saves the thresholds (`PUT /segments/lifecycle/thresholds`); the overview reloads (its words quote them). */
export function useSaveLifecycleThresholds() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: (body: LifecycleThresholds) => call(api.PUT('/segments/lifecycle/thresholds', { body })),
        onSuccess: (view) => {
            queryClient.setQueryData(lifecycleKeys.thresholds(), view);
            void queryClient.invalidateQueries({ queryKey: lifecycleKeys.overview() });
        },
    });
}

/** The customer's lifecycle segment and its history, newest first. */
export function useCustomerLifecycle(cardNumber: string) {
    return useQuery({
        queryKey: lifecycleKeys.customer(cardNumber),
        queryFn: () =>
            call(api.GET('/customers/{cardNumber}/lifecycle', { params: { path: { cardNumber } } })),
    });
}

/** One day's size of a segment key (a lifecycle segment or `custom:<id>`); 0 when the snapshot has none. */
export function sizeOf(day: LifecycleSizes['days'][number], key: string): number {
    return (day.sizes as Record<string, number | undefined>)[key] ?? 0;
}
