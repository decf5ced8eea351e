import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components, operations } from './schema';

/** A category with its rules, reach and latest rebuild (`GET /categories/:code`). */
export type CategoryView = components['schemas']['CategoryView'];

/** A category rebuild's progress (`GET /categories/:code/rebuild`). */
export type RebuildProgress = NonNullable<CategoryView['rebuild']>;

/** One ATC prefix the autocomplete offers, with its products and 12-month buyers. */
export type AtcSuggestion = components['schemas']['AtcSuggestion'];

/** What `PUT /categories/:code` takes. */
export type CategoryBody = NonNullable<
    operations['putCategory']['requestBody']
>['content']['application/json'];

/** The start of an ATC code as the autocomplete accepts it (a letter, then up to six letters or digits). */
export const ATC_PREFIX = /^[A-Za-z][0-9A-Za-z]{0,6}$/;

/** Query keys of categories, their rebuilds and the ATC autocomplete. */
export const categoryKeys = {
    all: ['categories'] as const,
    list: () => [...categoryKeys.all, 'list'] as const,
    one: (code: string) => [...categoryKeys.all, 'one', code] as const,
    rebuild: (code: string) => [...categoryKeys.all, 'rebuild', code] as const,
    atc: (prefix: string) => ['catalog', 'atc', prefix] as const,
};

/** Whether a rebuild is still going (queued or running). */
export function rebuildActive(rebuild: RebuildProgress | null | undefined): boolean {
    return rebuild?.state === 'queued' || rebuild?.state === 'running';
}

/** Every category with its reach, chronic ones first, biggest revenue first (`GET /categories`). */
export function useCategories() {
    return useQuery({
        queryKey: categoryKeys.list(),
        queryFn: async () => (await call(api.GET('/categories', {}))).categories,
    });
}

/** One category (`GET /categories/:code`); not fetched when `code` is null (a new category). */
export function useCategory(code: string | null) {
    return useQuery({
        queryKey: categoryKeys.one(code ?? ''),
        queryFn: async () =>
            (await call(api.GET('/categories/{code}', { params: { path: { code: code ?? '' } } }))).category,
        enabled: code !== null,
    });
}

/**
 * A category's rebuild (`GET /categories/:code/rebuild`), polled every
 * second while it is queued or running; the list and the category (their
 * reach changed) reload once it is over.
 */
export function useRebuildProgress(code: string | null) {
    const queryClient = useQueryClient();
    return useQuery({
        queryKey: categoryKeys.rebuild(code ?? ''),
        queryFn: async () => {
            const { rebuild } = await call(
                api.GET('/categories/{code}/rebuild', { params: { path: { code: code ?? '' } } }),
            );
            const before = queryClient.getQueryData<RebuildProgress | null>(categoryKeys.rebuild(code ?? ''));
            if (rebuildActive(before) && !rebuildActive(rebuild)) {
                void queryClient.invalidateQueries({ queryKey: categoryKeys.list() });
                void queryClient.invalidateQueries({ queryKey: categoryKeys.one(code ?? '') });
            }
            return rebuild;
        },
        enabled: code !== null,
        refetchInterval: (query) => (rebuildActive(query.state.data) ? 1000 : false),
    });
}

/** Creates or changes a category (`PUT /categories/:code`); its rebuild starts when its rules changed. */
export function useSaveCategory() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async ({ code, body }: { code: string; body: CategoryBody }) =>
            (await call(api.PUT('/categories/{code}', { params: { path: { code } }, body }))).category,
        onSuccess: (category) => {
            queryClient.setQueryData(categoryKeys.one(category.code), category);
            queryClient.setQueryData(categoryKeys.rebuild(category.code), category.rebuild);
            void queryClient.invalidateQueries({ queryKey: categoryKeys.list() });
        },
    });
}

/** Starts (or resumes) a category's rebuild (`POST /categories/:code/rebuild`). */
export function useStartRebuild(code: string) {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async () =>
            (await call(api.POST('/categories/{code}/rebuild', { params: { path: { code } } }))).rebuild,
        onSuccess: (rebuild) => queryClient.setQueryData(categoryKeys.rebuild(code), rebuild),
    });
}

/**
 * The catalogue's ATC prefixes starting with `prefix` (`GET /catalog/atc`),
 * each with its products and buyers; idle until the text is an ATC start.
 * The previous answer stays while the next one loads, so the list does not blink.
 */
export function useAtcSuggestions(prefix: string) {
    const text = prefix.trim().toUpperCase();
    return useQuery({
        queryKey: categoryKeys.atc(text),
        queryFn: async () =>
            (await call(api.GET('/catalog/atc', { params: { query: { prefix: text, limit: 12 } } })))
                .suggestions,
        enabled: ATC_PREFIX.test(text),
        staleTime: 60_000,
        placeholderData: keepPreviousData,
    });
}
