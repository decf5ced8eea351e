import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { JobActionView } from './contract';

/** Query keys of the jobs. */
export const jobKeys = { all: ['jobs'] as const };

/** How often the jobs page refreshes itself while open. */
const REFRESH_MS = 15_000;

/** Every job with its state, last and next run and last failure (`GET /jobs`), refreshed every 15 s. */
export function useJobs() {
    return useQuery({
        queryKey: jobKeys.all,
        queryFn: async () => (await call(api.GET('/jobs'))).jobs,
        refetchInterval: REFRESH_MS,
        staleTime: 0,
    });
}

/** Runs, pauses or resumes a job (`POST /jobs/:name/run|pause|resume`, audited), then reloads the list. */
export function useJobAction() {
    const queryClient = useQueryClient();
    return useMutation({
        mutationFn: async ({ job: name, action }: JobActionView) => {
            const path = { params: { path: { name } } };
            if (action === 'run') await call(api.POST('/jobs/{name}/run', path));
            else if (action === 'pause') await call(api.POST('/jobs/{name}/pause', path));
            else await call(api.POST('/jobs/{name}/resume', path));
        },
        onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
    });
}
