import { Alert, Button, Fieldset, Group, List, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type FieldProblem, isApiError } from '../../api/api-error';
import type { ChainView } from '../../api/chain-types';
import { useChainSteps, useSaveChain, useTriggerChain } from '../../api/chains';
import { useSession } from '../../api/session';
import { useChain } from '../../app/chain-provider';
import { errorMessage } from '../../app/error-state';
import { Loaded, PageHeader } from '../../app/list-parts';
import { StatusBadge } from '../../app/status-badge';
import { minorDigits } from '../../format/format';
import { useT } from '../../i18n/locale-provider';
import { ChainControls } from './chain-controls';
import { STATUS_TONE, word } from './chain-words';
import { chainValues, type ChainValues, designOf, fieldOf, newChainValues } from './editor/chain-form';
import { SettingsSection, TriggerSection } from './editor/chain-sections';
import { StepsSection } from './editor/steps-section';

/** Whether a 409 says the chain was saved by someone else since it was read. */
function isStale(error: unknown): boolean {
    return (
        isApiError(error, 'REFILL_CONFLICT') &&
        typeof error.details === 'object' &&
        error.details !== null &&
        'currentVersion' in error.details
    );
}

/** The form of one chain (new or saved), its save with the version read, and the API's refusals at their inputs. */
function Editor({ chain, onReload }: { chain: ChainView | null; onReload(): void }) {
    const t = useT();
    const navigate = useNavigate();
    const { currency } = useChain();
    const digits = minorDigits(currency);
    const role = useSession().data?.user.role;
    const canEdit = (role === 'admin' || role === 'marketer') && chain?.status !== 'archived';
    const form = useForm<ChainValues>({
        initialValues: chain ? chainValues(chain, digits) : newChainValues(),
    });
    const counts = useChainSteps(chain?.id ?? null);
    const save = useSaveChain(chain?.id ?? null);
    const [unplaced, setUnplaced] = useState<FieldProblem[]>([]);

    const submit = form.onSubmit((values) => {
        form.clearErrors();
        setUnplaced([]);
        save.mutate(
            { design: designOf(values, digits), version: chain?.version ?? null },
            {
                onSuccess: (saved) => {
                    notifications.show({
                        color: 'teal',
                        message: t('chains.editor.saved', { name: saved.name }),
                    });
                    if (chain === null) navigate(`../${saved.id}`, { relative: 'path', replace: true });
                    else form.resetDirty(chainValues(saved, digits));
                },
                onError: (error) => {
                    if (!isApiError(error, 'REFILL_VALIDATION', 'REFILL_CONFLICT') || isStale(error)) return;
                    const left: FieldProblem[] = [];
                    for (const p of error.fieldProblems()) {
                        const field = fieldOf(p.path);
                        // joi's commonest words in the UI's language; the rest as the API said them.
                        const message = p.message === 'is required' ? t('chains.editor.required') : p.message;
                        if (field) form.setFieldError(field, message);
                        else left.push(p);
                    }
                    setUnplaced(left);
                },
            },
        );
    });
    const placed = isApiError(save.error, 'REFILL_VALIDATION') && unplaced.length === 0;
    return (
        <form onSubmit={submit} noValidate aria-label={t('chains.editor.formLabel')}>
            <Stack gap="md">
                {!canEdit && (
                    <Alert color="blue" p="xs">
                        {t(
                            chain?.status === 'archived'
                                ? 'chains.editor.archived'
                                : 'chains.editor.readOnly',
                        )}
                    </Alert>
                )}
                {chain && chain.status !== 'draft' && canEdit && (
                    <Alert color="yellow" p="xs">
                        {t('chains.editor.liveNote')}
                    </Alert>
                )}
                {isStale(save.error) && (
                    <Alert color="orange" role="alert" title={t('chains.editor.staleTitle')}>
                        <Stack gap="xs" align="flex-start">
                            <Text size="sm">{t('chains.editor.stale')}</Text>
                            <Button size="xs" variant="default" onClick={onReload}>
                                {t('chains.editor.reload')}
                            </Button>
                        </Stack>
                    </Alert>
                )}
                {save.isError && !isStale(save.error) && !placed && (
                    <Alert color="red" role="alert">
                        <Text size="sm">{errorMessage(save.error, t)}</Text>
                        {unplaced.length > 0 && (
                            <List size="sm">
                                {unplaced.map((p) => (
                                    <List.Item key={`${p.path}:${p.message}`}>
                                        {p.path}: {p.message}
                                    </List.Item>
                                ))}
                            </List>
                        )}
                    </Alert>
                )}
                {placed && (
                    <Alert color="red" role="alert">
                        {t('chains.editor.refused')}
                    </Alert>
                )}
                <Fieldset variant="unstyled" disabled={!canEdit} p={0}>
                    <Stack gap="md">
                        <TriggerSection form={form} creating={chain === null} />
                        <StepsSection form={form} counts={counts.data} />
                        <SettingsSection form={form} />
                    </Stack>
                </Fieldset>
                {canEdit && (
                    <Group>
                        <Button type="submit" loading={save.isPending}>
                            {t(chain === null ? 'chains.editor.create' : 'chains.editor.save')}
                        </Button>
                    </Group>
                )}
            </Stack>
        </form>
    );
}

/** `chains/new` and `chains/:id`: the chain editor, with the chain's status and moves in the header. */
export default function ChainEditorPage() {
    const t = useT();
    const params = useParams();
    const id = params.id ? Number(params.id) : null;
    const chain = useTriggerChain(id);
    const role = useSession().data?.user.role;
    const canEdit = role === 'admin' || role === 'marketer';
    // A reload after a refused stale save remounts the form with what is saved now.
    const [generation, setGeneration] = useState(0);
    const reload = () => void chain.refetch().then(() => setGeneration((g) => g + 1));
    const data = chain.data;
    return (
        <>
            <PageHeader
                title={id === null ? t('chains.editor.newTitle') : (data?.name ?? t('chains.editor.title'))}
            >
                {data && (
                    <>
                        <StatusBadge tone={STATUS_TONE[data.status]} tt="none">
                            {word(t, 'status', data.status)}
                        </StatusBadge>
                        {canEdit && (
                            <ChainControls id={data.id} name={data.name} status={data.status} size="sm" />
                        )}
                        <Button component={Link} to="report" variant="default">
                            {t('chains.editor.report')}
                        </Button>
                    </>
                )}
                <Button component={Link} to={id === null ? '..' : '..'} relative="path" variant="default">
                    {t('chains.editor.back')}
                </Button>
            </PageHeader>
            {id === null ? (
                <Editor chain={null} onReload={reload} />
            ) : (
                <Loaded query={chain}>
                    {() => <Editor key={`${data!.id}:${generation}`} chain={data!} onReload={reload} />}
                </Loaded>
            )}
        </>
    );
}
