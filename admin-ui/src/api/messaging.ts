import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components } from './schema';
import { nextCursor, PAGE_SIZE } from './paging';

type Schemas = components['schemas'];

/** One message of the log (`GET /messages`). */
export type MessageLogItem = Schemas['MessageLogItem'];
/** One message with its reminder's trail and delivery events (`GET /messages/:id`). */
export type MessageLogDetail = Schemas['MessageLogDetail'];
/** A channel with its provider, state, price and failures (`GET /channels`). */
export type ChannelView = Schemas['ChannelView'];
/** What a test send did. */
export type TestSendResult = Schemas['TestSendResult'];
/** The contact policy with defaults and meanings (`GET /contact-policy`). */
export type ContactPolicyView = Schemas['ContactPolicy'];
/** The editable values of the contact policy (`PUT /contact-policy`). */
export type ContactPolicyValues = Schemas['ContactPolicyValues'];

/** The message log's filters as the URL and the API take them (empty: any). */
export interface MessageLogFilter {
    card?: string;
    campaignId?: string;
    channel?: string;
    status?: string;
    kind?: string;
    /** `YYYY-MM-DD`, days in the chain's timezone. */
    from?: string;
    to?: string;
}

/** Query keys of the messaging pages. */
export const messagingKeys = {
    all: ['messaging'] as const,
    log: (filter: MessageLogFilter) => [...messagingKeys.all, 'log', filter] as const,
    message: (id: number) => [...messagingKeys.all, 'message', id] as const,
    channels: () => [...messagingKeys.all, 'channels'] as const,
    policy: () => [...messagingKeys.all, 'policy'] as const,
};

/** The message log matching `filter`, newest first, page by page. */
export function useMessageLog(filter: MessageLogFilter) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as MessageLogFilter;
    const { campaignId, channel, status, kind, ...rest } = query;
    return useInfiniteQuery({
        queryKey: messagingKeys.log(query),
        queryFn: ({ pageParam }) =>
            call(
                api.GET('/messages', {
                    params: {
                        query: {
                            ...rest,
                            campaignId: campaignId ? Number(campaignId) : undefined,
                            channel: channel as never,
                            status: status as never,
                            kind: kind as never,
                            cursor: pageParam,
                            limit: PAGE_SIZE,
                        },
                    },
                }),
            ),
        initialPageParam: undefined as string | undefined,
        getNextPageParam: nextCursor,
    });
}

/** One message with its trail and delivery events (none while `id` is null). */
export function useMessage(id: number | null) {
    return useQuery({
        queryKey: messagingKeys.message(id ?? 0),
        queryFn: async () =>
            (await call(api.GET('/messages/{id}', { params: { path: { id: id as number } } }))).message,
        enabled: id !== null,
    });
}

/** Every channel with its state. */
export function useChannels() {
    return useQuery({
        queryKey: messagingKeys.channels(),
        queryFn: async () => (await call(api.GET('/channels'))).channels,
    });
}

/** Sends a test message through a channel's provider. */
export function useTestSend() {
    const client = useQueryClient();
    return useMutation({
        mutationFn: async (input: { channel: ChannelView['channel']; to: string; text?: string }) =>
            (
                await call(
                    api.POST('/channels/{channel}/test', {
                        params: { path: { channel: input.channel } },
                        body: { to: input.to, text: input.text },
                    }),
                )
            ).result,
        onSuccess: () => void client.invalidateQueries({ queryKey: messagingKeys.channels() }),
    });
}

/** The contact policy with its defaults and meanings. */
export function useContactPolicy() {
    return useQuery({
        queryKey: messagingKeys.policy(),
        queryFn: () => call(api.GET('/contact-policy')),
    });
}

/** Saves the contact policy (every value). */
export function useSaveContactPolicy() {
    const client = useQueryClient();
    return useMutation({
        mutationFn: (body: ContactPolicyValues) => call(api.PUT('/contact-policy', { body })),
        onSuccess: (saved) => client.setQueryData(messagingKeys.policy(), saved),
    });
}
