import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
    ChainDesign,
    ChainReportView,
    ChainStepCount,
    ChainSummary,
    ChainView,
    GlobalControlReportView,
    GlobalControlView,
} from './chain-types';
import { api, call } from './client';

/*
 * The trigger chains' data: one hook per admin API call over TanStack Query.
 * The routes have no response schema: answers are cast to chain-types.ts.
 */

/** Query keys of the chains and the program's global control group. */
export const chainKeys = {
    all: ['chains'] as const,
    list: () => ['chains', 'list'] as const,
    one: (id: number) => ['chains', id] as const,
    detail: (id: number) => ['chains', id, 'detail'] as const,
    steps: (id: number) => ['chains', id, 'steps'] as const,
    report: (id: number, marginPct: number | null) => ['chains', id, 'report', marginPct] as const,
    control: () => ['program', 'global-control'] as const,
    controlReport: (from: string, to: string) => ['program', 'global-control', 'report', from, to] as const,
};

const path = (id: number) => ({ params: { path: { id } } });

/** Every chain with its live figures (`GET /chains`). */
export function useTriggerChains() {
    return useQuery({
        queryKey: chainKeys.list(),
        queryFn: async () => ((await call(api.GET('/chains', {}))) as { chains: ChainSummary[] }).chains,
    });
}

/** One chain's design, status and version (`GET /chains/:id`); not fetched for a new one. */
export function useTriggerChain(id: number | null) {
    return useQuery({
        queryKey: chainKeys.detail(id ?? 0),
        enabled: id !== null,
        queryFn: async () =>
            ((await call(api.GET('/chains/{id}', path(id ?? 0)))) as { chain: ChainView }).chain,
    });
}

/** Runs standing on each step and runs that passed it, by group (`GET /chains/:id/steps`). */
export function useChainSteps(id: number | null) {
    return useQuery({
        queryKey: chainKeys.steps(id ?? 0),
        enabled: id !== null,
        queryFn: async () =>
            ((await call(api.GET('/chains/{id}/steps', path(id ?? 0)))) as { steps: ChainStepCount[] }).steps,
    });
}

/** The chain's report over every entry; ROMI with the gross margin given (`GET /chains/:id/report`). */
export function useChainReport(id: number, marginPct: number | null) {
    return useQuery({
        queryKey: chainKeys.report(id, marginPct),
        queryFn: async () =>
            (
                (await call(
                    api.GET('/chains/{id}/report', {
                        params: { path: { id }, query: marginPct === null ? {} : { marginPct } },
                    }),
                )) as { report: ChainReportView }
            ).report,
        placeholderData: keepPreviousData,
    });
}

/** Creates a draft (`POST /chains`) or saves a design with the version read (`PUT /chains/:id`). */
export function useSaveChain(id: number | null) {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async ({ design, version }: { design: ChainDesign; version: number | null }) => {
            const answer =
                id === null
                    ? await call(api.POST('/chains', { body: design as never }))
                    : await call(
                          api.PUT('/chains/{id}', {
                              ...path(id),
                              body: { ...design, version: version ?? 0 } as never,
                          }),
                      );
            return (answer as { chain: ChainView }).chain;
        },
        onSuccess: (chain) => {
            queryClient.setQueryData(chainKeys.detail(chain.id), chain);
            void queryClient.invalidateQueries({ queryKey: chainKeys.list() });
        },
    });
}

/** A move of a chain: switch on, or pause or archive with a reason. */
export type ChainMove = { kind: 'activate' } | { kind: 'pause' | 'archive'; reason: string };

/** Activates, pauses or archives a chain (each audited), then reloads the chains. */
export function useChainMove(id: number) {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async (move: ChainMove) => {
            const answer =
                move.kind === 'activate'
                    ? await call(api.POST('/chains/{id}/activate', path(id)))
                    : move.kind === 'pause'
                      ? await call(
                            api.POST('/chains/{id}/pause', { ...path(id), body: { reason: move.reason } }),
                        )
                      : await call(
                            api.POST('/chains/{id}/archive', { ...path(id), body: { reason: move.reason } }),
                        );
            return (answer as { chain: ChainView }).chain;
        },
        onSettled: () => queryClient.invalidateQueries({ queryKey: chainKeys.all }),
    });
}

/** The global control group's share (`GET /program/global-control`). */
export function useGlobalControl() {
    return useQuery({
        queryKey: chainKeys.control(),
        queryFn: async () =>
            ((await call(api.GET('/program/global-control', {}))) as { globalControl: GlobalControlView })
                .globalControl,
    });
}

/** Sets the global control group's share in basis points (`PUT /program/global-control`, audited). */
export function useSetGlobalControl() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async (shareBp: number) =>
            (
                (await call(api.PUT('/program/global-control', { body: { shareBp } }))) as {
                    globalControl: GlobalControlView;
                }
            ).globalControl,
        onSettled: () => queryClient.invalidateQueries({ queryKey: ['program'] }),
    });
}

/** The control group against everyone else over [from, to) (`GET /program/global-control/report`). */
export function useGlobalControlReport(from: string, to: string) {
    return useQuery({
        queryKey: chainKeys.controlReport(from, to),
        queryFn: async () =>
            (
                (await call(
                    api.GET('/program/global-control/report', { params: { query: { from, to } } }),
                )) as { report: GlobalControlReportView }
            ).report,
    });
}

/** The live saved segments as select options (`GET /segments`), for a scheduled chain's audience. */
export function useSavedSegmentOptions() {
    return useQuery({
        queryKey: ['segments', 'options'],
        queryFn: async () =>
            (await call(api.GET('/segments', {}))).data.map((s) => ({ value: String(s.id), label: s.name })),
    });
}
