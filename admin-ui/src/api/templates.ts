import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];
/** One template as listed: kind, channel, locale, where it comes from, who saved it. */
export type TemplateInfo = Schemas['TemplateInfo'];
/** A template with its source. */
export type TemplateView = Schemas['TemplateView'];
/** One saved version in a template's history. */
export type TemplateVersion = Schemas['TemplateVersion'];
/** A variable a kind's template can use. */
export type TemplateVariable = Schemas['TemplateVariable'];
/** A rendered preview, with the SMS segments of both variants. */
export type TemplatePreview = Schemas['TemplatePreview'];
/** The kind, channel and locale of one template. */
export type TemplateKey = Pick<TemplateInfo, 'kind' | 'channel' | 'locale'>;

/** Query keys of the templates. */
export const templateKeys = {
    all: ['templates'] as const,
    list: () => [...templateKeys.all, 'list'] as const,
    one: (key: TemplateKey) => [...templateKeys.all, 'one', key] as const,
    history: (key: TemplateKey) => [...templateKeys.all, 'history', key] as const,
    variables: (kind: TemplateKey['kind'], locale: TemplateKey['locale']) =>
        [...templateKeys.all, 'variables', kind, locale] as const,
    preview: (key: TemplateKey, source: string | null, cardNumber: string) =>
        [...templateKeys.all, 'preview', key, source, cardNumber] as const,
};

const path = (key: TemplateKey) => ({ params: { path: key } });

/** Every kind × channel × locale with where its template comes from (`GET /templates`). */
export function useTemplates() {
    return useQuery({
        queryKey: templateKeys.list(),
        queryFn: async () => (await call(api.GET('/templates'))).templates,
    });
}

/** The template in use (`GET /templates/{kind}/{channel}/{locale}`). */
export function useTemplate(key: TemplateKey) {
    return useQuery({
        queryKey: templateKeys.one(key),
        queryFn: async () =>
            (await call(api.GET('/templates/{kind}/{channel}/{locale}', path(key)))).template,
    });
}

/** The template's saved versions, newest first (`GET …/history`). */
export function useTemplateHistory(key: TemplateKey) {
    return useQuery({
        queryKey: templateKeys.history(key),
        queryFn: async () =>
            (await call(api.GET('/templates/{kind}/{channel}/{locale}/history', path(key)))).versions,
    });
}

/** The variables of a kind with sample values (`GET /templates/variables`). */
export function useTemplateVariables(kind: TemplateKey['kind'], locale: TemplateKey['locale']) {
    return useQuery({
        queryKey: templateKeys.variables(kind, locale),
        queryFn: async () =>
            (await call(api.GET('/templates/variables', { params: { query: { kind, locale } } }))).variables,
        staleTime: Infinity,
    });
}

/**
 * The preview of `source` (an editor's unsaved text, `POST /templates/preview`)
 * or, when `source` is null, of the template in use (`GET …/preview`, which a
 * read-only analyst may call), on the samples or the customer with
 * `cardNumber`. The last answer stays shown while the next one loads; a
 * refused template is an error, never retried.
 */
export function useTemplatePreview(key: TemplateKey, source: string | null, cardNumber: string) {
    const card = cardNumber || undefined;
    return useQuery({
        queryKey: templateKeys.preview(key, source, cardNumber),
        queryFn: async () =>
            (source === null
                ? await call(
                      api.GET('/templates/{kind}/{channel}/{locale}/preview', {
                          params: { path: key, query: { cardNumber: card } },
                      }),
                  )
                : await call(api.POST('/templates/preview', { body: { ...key, source, cardNumber: card } }))
            ).preview,
        placeholderData: keepPreviousData,
        retry: false,
    });
}

/** Drops the cached list, template and history after a change. */
function useRefresh(key: TemplateKey) {
    const queryClient = useQueryClient();
    return (template: TemplateView) => {
        queryClient.setQueryData(templateKeys.one(key), template);
        void queryClient.invalidateQueries({ queryKey: templateKeys.list() });
        void queryClient.invalidateQueries({ queryKey: templateKeys.history(key) });
    };
}

/** Saves an override (`PUT`); checked by the server, audited, a version in the history. */
export function useSaveTemplate(key: TemplateKey) {
    const refresh = useRefresh(key);
    return useMutation({
        mutationFn: async (source: string) =>
            (await call(api.PUT('/templates/{kind}/{channel}/{locale}', { ...path(key), body: { source } })))
                .template,
        onSuccess: refresh,
    });
}

/** Reverts to the shipped file (`DELETE`); audited. */
export function useRevertTemplate(key: TemplateKey) {
    const refresh = useRefresh(key);
    return useMutation({
        mutationFn: async () =>
            (await call(api.DELETE('/templates/{kind}/{channel}/{locale}', path(key)))).template,
        onSuccess: refresh,
    });
}

/** Puts an older version back in use (`POST …/history/{id}/restore`): a save, audited. */
export function useRestoreVersion(key: TemplateKey) {
    const refresh = useRefresh(key);
    return useMutation({
        mutationFn: async (id: number) =>
            (
                await call(
                    api.POST('/templates/{kind}/{channel}/{locale}/history/{id}/restore', {
                        params: { path: { ...key, id } },
                    }),
                )
            ).template,
        onSuccess: refresh,
    });
}
