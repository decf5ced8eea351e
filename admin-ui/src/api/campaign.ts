import {
    keepPreviousData,
    useInfiniteQuery,
    useMutation,
    useQuery,
    useQueryClient,
} from '@tanstack/react-query';
import { API_BASE } from './app-root';
import type {
    CampaignDetail,
    CampaignReportView,
    CampaignSendsView,
    MemberPageView,
    SendReviewView,
} from './campaign-types';
import { api, call } from './client';
import { nextCursor } from './paging';

/*
 * The campaign page's data: one hook per admin API call over TanStack Query.
 * Routes without a response schema are cast to the shapes in campaign-types.ts.
 */

/** Query keys of one campaign; everything under `campaignKeys.one(id)` is refreshed after a control. */
export const campaignKeys = {
    one: (id: number) => ['campaign', id] as const,
    detail: (id: number) => ['campaign', id, 'detail'] as const,
    sends: (id: number) => ['campaign', id, 'sends'] as const,
    review: (id: number, day: string) => ['campaign', id, 'review', day] as const,
    timeline: (id: number) => ['campaign', id, 'timeline'] as const,
    report: (id: number) => ['campaign', id, 'report'] as const,
    members: (id: number, page: number, group: string) => ['campaign', id, 'members', page, group] as const,
};

const path = (id: number) => ({ params: { path: { id } } });

/** The campaign (`GET /campaigns/:id`). */
export function useCampaign(id: number) {
    return useQuery({
        queryKey: campaignKeys.detail(id),
        queryFn: async () =>
            ((await call(api.GET('/campaigns/{id}', path(id)))) as { campaign: CampaignDetail }).campaign,
    });
}

/** Its send batches (runs) and delivery figures per channel (`GET /campaigns/:id/sends`). */
export function useCampaignSends(id: number) {
    return useQuery({
        queryKey: campaignKeys.sends(id),
        queryFn: async () => (await call(api.GET('/campaigns/{id}/sends', path(id)))) as CampaignSendsView,
    });
}

/** What approving the run of `day` means: size, canary, bill, first messages. */
export function useSendReview(id: number, day: string) {
    return useQuery({
        queryKey: campaignKeys.review(id, day),
        queryFn: async (): Promise<SendReviewView> =>
            (await call(api.GET('/campaigns/{id}/sends/{day}/review', { params: { path: { id, day } } })))
                .review,
    });
}

/** Its audited steps, newest first, page by page. */
export function useCampaignTimeline(id: number) {
    return useInfiniteQuery({
        queryKey: campaignKeys.timeline(id),
        queryFn: ({ pageParam }) =>
            call(
                api.GET('/campaigns/{id}/timeline', {
                    params: { path: { id }, query: { cursor: pageParam, limit: 20 } },
                }),
            ),
        initialPageParam: undefined as string | undefined,
        getNextPageParam: nextCursor,
    });
}

/** The report (`GET /campaigns/:id/report`). */
export function useCampaignReport(id: number) {
    return useQuery({
        queryKey: campaignKeys.report(id),
        queryFn: async () =>
            ((await call(api.GET('/campaigns/{id}/report', path(id)))) as { report: CampaignReportView })
                .report,
    });
}

/** Rows per page of the member list. */
export const MEMBER_PAGE_SIZE = 25;

/** A page of members, cards masked; `group` empty for both groups. */
export function useCampaignMembers(id: number, page: number, group: '' | 'test' | 'control') {
    return useQuery({
        queryKey: campaignKeys.members(id, page, group),
        queryFn: async () =>
            (await call(
                api.GET('/campaigns/{id}/members', {
                    params: {
                        path: { id },
                        query: { page, pageSize: MEMBER_PAGE_SIZE, group: group || undefined },
                    },
                }),
            )) as MemberPageView,
        placeholderData: keepPreviousData,
    });
}

/** A control of the campaign page. */
export type CampaignControl =
    | { kind: 'launch' | 'pause' | 'resume' | 'finish' }
    | { kind: 'approve' | 'release'; day: string }
    | { kind: 'kill'; reason: string }
    | { kind: 'resumeSends' };

/** Runs one control (each audited by the API), then reloads everything of the campaign. */
export function useCampaignControl(id: number) {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async (control: CampaignControl) => {
            const campaign = path(id);
            const run = { params: { path: { id, day: 'day' in control ? control.day : '' } } };
            switch (control.kind) {
                case 'launch':
                    return call(api.POST('/campaigns/{id}/launch', campaign));
                case 'pause':
                    return call(api.POST('/campaigns/{id}/pause', campaign));
                case 'resume':
                    return call(api.POST('/campaigns/{id}/resume', campaign));
                case 'finish':
                    return call(api.POST('/campaigns/{id}/finish', campaign));
                case 'approve':
                    return call(api.POST('/campaigns/{id}/sends/{day}/approve', run));
                case 'release':
                    return call(api.POST('/campaigns/{id}/sends/{day}/release', run));
                case 'kill':
                    return call(
                        api.POST('/campaigns/{id}/sends/kill', {
                            ...campaign,
                            body: { reason: control.reason },
                        }),
                    );
                case 'resumeSends':
                    return call(api.POST('/campaigns/{id}/sends/resume', campaign));
            }
        },
        onSettled: () => queryClient.invalidateQueries({ queryKey: campaignKeys.one(id) }),
    });
}

/** Changes the campaign's budget cap (minor units; null: no cap) after launch (`PATCH /campaigns/:id`, audited). */
export function useChangeBudgetCap(id: number) {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: (budgetCap: number | null) =>
            call(api.PATCH('/campaigns/{id}', { ...path(id), body: { budgetCap } as never })),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.one(id) }),
    });
}

/** The report as CSV (the session cookie goes with the link). */
export function reportCsvUrl(id: number): string {
    return `${API_BASE}campaigns/${id}/report?format=csv`;
}

/** Every member as CSV with whole card numbers (admin and marketer; audited). */
export function membersCsvUrl(id: number, group: '' | 'test' | 'control'): string {
    return `${API_BASE}campaigns/${id}/members/export${group ? `?group=${group}` : ''}`;
}
