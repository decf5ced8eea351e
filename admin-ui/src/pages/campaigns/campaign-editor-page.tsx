import { Alert, Button, Fieldset, Grid, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCampaign, useCampaignEstimate, useSaveCampaign } from '../../api/campaigns';
import { isApiError } from '../../api/api-error';
import { api, call } from '../../api/client';
import { useSession } from '../../api/session';
import { useChain } from '../../app/chain-provider';
import { errorMessage } from '../../app/error-state';
import { Loaded, PageHeader } from '../../app/list-parts';
import { minorDigits } from '../../format/format';
import { useT } from '../../i18n/locale-provider';
import { CascadeSection } from './editor/cascade-section';
import {
    designOf,
    type DesignValues,
    estimateDesignOf,
    fieldOf,
    NEW_DESIGN,
    validSenderName,
    valuesOf,
} from './editor/design-form';
import {
    AudienceSection,
    FiltersSection,
    MeasureSection,
    OfferSection,
    SendingSection,
} from './editor/design-sections';
import { LivePanel, type PanelFigures } from './editor/live-panel';

/** The saved plan of a campaign, for the read-only analyst (who may not post designs). */
function useSavedPlan(id: number | null, enabled: boolean) {
    return useQuery({
        queryKey: ['campaigns', id, 'plan'],
        enabled: enabled && id !== null,
        queryFn: async () =>
            (
                (await call(api.GET('/campaigns/{id}/plan', { params: { path: { id: id as number } } }))) as {
                    plan: PanelFigures;
                }
            ).plan,
    });
}

/** The guided form and its live side panel, for a new campaign or a saved one. */
function Editor({
    id,
    initial,
    status,
    testCards,
}: {
    id: number | null;
    initial: DesignValues;
    status: string;
    testCards: string[];
}) {
    const t = useT();
    const navigate = useNavigate();
    const { currency } = useChain();
    const digits = minorDigits(currency);
    const role = useSession().data?.user.role;
    const designer = role === 'admin' || role === 'marketer';
    const readOnly = !designer || status !== 'draft';
    const form = useForm<DesignValues>({
        initialValues: initial,
        validate: {
            budgetCap: (v) => (v === '' || v > 0 ? null : t('campaigns.editor.budgetCapInvalid')),
            senderName: (v) => (validSenderName(v) ? null : t('campaigns.editor.senderNameInvalid')),
        },
    });
    const [debounced] = useDebouncedValue(form.values, 400);
    const body = useMemo(() => {
        const design = estimateDesignOf(debounced, digits);
        return design && role !== 'analyst' ? { ...design, ...(id ? { campaignId: id } : {}) } : null;
    }, [debounced, digits, id, role]);
    const estimate = useCampaignEstimate(body);
    // While the marketer is still typing, the figures beside the form are those of the design before the last keystroke.
    const typing = !readOnly && JSON.stringify(form.values) !== JSON.stringify(debounced);
    const plan = useSavedPlan(id, role === 'analyst');
    const save = useSaveCampaign(id);
    const shownErrors = useRef<string[]>([]);

    // The API's field errors of the live estimate go to their fields; cleared once it succeeds.
    useEffect(() => {
        for (const field of shownErrors.current) form.clearFieldError(field);
        shownErrors.current = [];
        if (!isApiError(estimate.error, 'REFILL_VALIDATION')) return;
        for (const p of estimate.error.fieldProblems()) {
            const field = fieldOf(p.path);
            if (field && field !== 'code' && field !== 'name') {
                form.setFieldError(field, p.message);
                shownErrors.current.push(field);
            }
        }
    }, [estimate.error]);

    const submit = form.onSubmit((values) =>
        save.mutate(designOf(values, digits), {
            onSuccess: (saved) => {
                notifications.show({
                    color: 'teal',
                    message: t('campaigns.editor.saved', { name: saved.name }),
                });
                if (id === null) navigate(`../${saved.id}/edit`, { relative: 'path', replace: true });
            },
            onError: (error) => {
                if (!isApiError(error, 'REFILL_VALIDATION', 'REFILL_CONFLICT')) return;
                for (const p of error.fieldProblems()) {
                    const field = fieldOf(p.path);
                    if (field) form.setFieldError(field, p.message);
                }
            },
        }),
    );
    const estimateError =
        estimate.error && !isApiError(estimate.error, 'REFILL_VALIDATION')
            ? errorMessage(estimate.error, t)
            : null;
    const figures: PanelFigures | undefined = role === 'analyst' ? plan.data : estimate.data;
    return (
        <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 7 }}>
                <form onSubmit={submit} noValidate aria-label={t('campaigns.editor.formLabel')}>
                    <Stack gap="md">
                        {readOnly && (
                            <Alert color="blue" p="xs">
                                {designer ? t('campaigns.editor.frozen') : t('campaigns.editor.readOnly')}
                            </Alert>
                        )}
                        {save.isError && !isApiError(save.error, 'REFILL_VALIDATION') && (
                            <Alert color="red" role="alert">
                                {errorMessage(save.error, t)}
                            </Alert>
                        )}
                        <Fieldset variant="unstyled" disabled={readOnly} p={0}>
                            <Stack gap="md">
                                <AudienceSection form={form} creating={id === null} />
                                <FiltersSection form={form} />
                                <OfferSection form={form} />
                                <MeasureSection form={form} />
                                <SendingSection form={form} />
                                <CascadeSection
                                    form={form}
                                    estimate={estimate.data}
                                    preview={{
                                        design: estimateDesignOf(form.values, digits),
                                        campaignId: id,
                                        testCards,
                                        canAct: role !== 'analyst',
                                    }}
                                />
                            </Stack>
                        </Fieldset>
                        {!readOnly && (
                            <Group>
                                <Button type="submit" loading={save.isPending}>
                                    {t(id === null ? 'campaigns.editor.saveDraft' : 'campaigns.editor.save')}
                                </Button>
                                <Text size="sm" c="dimmed">
                                    {t('campaigns.editor.saveHint')}
                                </Text>
                            </Group>
                        )}
                    </Stack>
                </form>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
                <div
                    style={{
                        position: 'sticky',
                        top: 'calc(var(--app-shell-header-offset, 56px) + var(--mantine-spacing-md))',
                    }}
                >
                    <LivePanel
                        figures={figures}
                        loading={typing || estimate.isFetching || plan.isFetching}
                        error={estimateError ?? (plan.error ? errorMessage(plan.error, t) : null)}
                        note={role === 'analyst' ? t('campaigns.panel.savedPlan') : undefined}
                    />
                </div>
            </Grid.Col>
        </Grid>
    );
}

/** `campaigns/new` and `campaigns/:id/edit`: the guided campaign editor. */
export default function CampaignEditorPage() {
    const t = useT();
    const params = useParams();
    const id = params.id ? Number(params.id) : null;
    const campaign = useCampaign(id);
    const { currency } = useChain();
    const title = id === null ? t('campaigns.editor.newTitle') : t('campaigns.editor.editTitle');
    return (
        <>
            <PageHeader title={title}>
                <Button component={Link} to={id === null ? '..' : `../..`} relative="path" variant="default">
                    {t('campaigns.editor.back')}
                </Button>
            </PageHeader>
            {id === null ? (
                <Editor id={null} initial={NEW_DESIGN} status="draft" testCards={[]} />
            ) : (
                <Loaded query={campaign}>
                    {() => (
                        <Editor
                            key={campaign.data!.id}
                            id={campaign.data!.id}
                            initial={valuesOf(campaign.data!, minorDigits(currency))}
                            status={campaign.data!.status}
                            testCards={campaign.data!.sends.testCards ?? []}
                        />
                    )}
                </Loaded>
            )}
        </>
    );
}
