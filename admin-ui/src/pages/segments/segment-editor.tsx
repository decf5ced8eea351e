import { Alert, Button, Code, Grid, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type CSSProperties, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error';
import {
    type CustomSegmentView,
    type SegmentField,
    useArchiveSegment,
    useSaveSegment,
    useSegmentCount,
} from '../../api/segments';
import { ConfirmModal } from '../../app/dialog-parts';
import { errorMessage } from '../../app/error-state';
import { useT } from '../../i18n/locale-provider';
import { LiveCount } from './rule/live-count';
import {
    buildRule,
    emptyRoot,
    isComplete,
    parseRule,
    type PlacedProblem,
    placeProblems,
    type RuleGroup,
} from './rule/rule-model';
import { RuleGroupEditor } from './rule/rule-group';
import { problemText } from './rule/rule-words';
import { useRuleUnits } from './use-rule-units';

/** A bare fieldset (it disables every control for a reader); field errors in red 9 (WCAG AA). */
const FORM_STYLE = {
    border: 0,
    padding: 0,
    margin: 0,
    minWidth: 0,
    '--mantine-color-error': 'var(--mantine-color-red-9)',
} as CSSProperties;

/** For a reader the disabled fields' values stay legible: black text under Mantine's faded look. */
const READER_STYLE = {
    ...FORM_STYLE,
    '--mantine-color-disabled-color': 'var(--mantine-color-black)',
} as CSSProperties;

/** How long the rule must rest before it is counted, ms. */
const COUNT_DEBOUNCE_MS = 400;

/** The API's problems of a failed count or save, by row or group key (`''`: the name, or none). */
function problemsOf(error: unknown, paths: ReadonlyMap<string, string>): Map<string, PlacedProblem[]> {
    const out = new Map<string, PlacedProblem[]>();
    if (!isApiError(error, 'REFILL_VALIDATION', 'REFILL_UNPROCESSABLE') || !Array.isArray(error.details))
        return out;
    for (const problem of placeProblems(error.details, paths)) {
        const placed = error.code === 'REFILL_UNPROCESSABLE' ? { ...problem, type: error.code } : problem;
        out.set(placed.key ?? '', [...(out.get(placed.key ?? '') ?? []), placed]);
    }
    return out;
}

/** Props of {@link SegmentEditor}. */
export interface SegmentEditorProps {
    segment: CustomSegmentView | null;
    fields: readonly SegmentField[];
    canEdit: boolean;
}

/**
 * A segment's editor: name, description, the rule builder and, beside it,
 * the live count with a sample that follows the rule as it changes; save
 * and archive. The API's problems land at the condition they belong to.
 */
export function SegmentEditor({ segment, fields, canEdit }: SegmentEditorProps) {
    const t = useT();
    const navigate = useNavigate();
    const units = useRuleUnits();
    const save = useSaveSegment();
    const archive = useArchiveSegment();
    const [name, setName] = useState(segment?.name ?? '');
    const [description, setDescription] = useState(segment?.description ?? '');
    const parsed = useMemo(() => (segment ? parseRule(segment.rule, units) : emptyRoot()), [segment, units]);
    const [root, setRoot] = useState<RuleGroup | null>(parsed);
    const [confirmArchive, setConfirmArchive] = useState(false);
    const archived = segment?.archivedAt != null;
    const readOnly = !canEdit || archived || root === null;

    const built = useMemo(() => (root ? buildRule(root, units) : null), [root, units]);
    const complete = root !== null && isComplete(root, fields);
    const [counted] = useDebouncedValue(complete ? built : null, COUNT_DEBOUNCE_MS);
    const count = useSegmentCount(canEdit && !archived ? (counted?.rule ?? null) : null);
    const problems = useMemo(() => {
        const fromSave = save.isError ? problemsOf(save.error, built?.paths ?? new Map()) : null;
        if (fromSave && fromSave.size > 0) return fromSave;
        return count.isError
            ? problemsOf(count.error, counted?.paths ?? new Map())
            : new Map<string, PlacedProblem[]>();
    }, [save.isError, save.error, built, count.isError, count.error, counted]);
    const unplaced = problems.get('') ?? [];
    const nameError = isApiError(save.error, 'REFILL_CONFLICT')
        ? t('segments.error.nameTaken')
        : unplaced.some((p) => p.path === 'name')
          ? t('form.required')
          : undefined;
    const otherProblems = unplaced.filter((p) => p.path !== 'name');
    const changeRule = (next: RuleGroup) => {
        save.reset();
        setRoot(next);
    };

    const submit = (event: React.FormEvent) => {
        event.preventDefault();
        if (!built) return;
        save.mutate(
            {
                id: segment?.id ?? null,
                body: { name: name.trim(), description: description.trim() || null, rule: built.rule },
            },
            {
                onSuccess: (saved) => {
                    notifications.show({ color: 'teal', message: t('segments.saved', { name: saved.name }) });
                    if (!segment) void navigate(`/segments/${saved.id}`, { replace: true });
                },
            },
        );
    };
    const doArchive = () => {
        if (!segment) return;
        archive.mutate(segment.id, {
            onSuccess: (done) => {
                setConfirmArchive(false);
                notifications.show({ color: 'teal', message: t('segments.archived', { name: done.name }) });
                void navigate('/segments');
            },
        });
    };
    const countState = !built ? 'empty' : !complete ? 'incomplete' : count.isError ? 'refused' : 'ok';
    return (
        <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 8 }}>
                <form onSubmit={submit} noValidate aria-label={t('segments.form')}>
                    <fieldset disabled={readOnly} style={readOnly ? READER_STYLE : FORM_STYLE}>
                        <Stack gap="md">
                            {archived && <Alert color="gray">{t('segments.archivedNote')}</Alert>}
                            {!canEdit && <Alert color="blue">{t('segments.readOnly')}</Alert>}
                            {root === null && (
                                <Alert color="yellow" title={t('segments.deepRule.title')}>
                                    {t('segments.deepRule.text')}
                                    <Code block mt="xs">
                                        {JSON.stringify(segment?.rule, null, 2)}
                                    </Code>
                                </Alert>
                            )}
                            {save.isError && (
                                <Alert color="red" role="alert">
                                    {isApiError(
                                        save.error,
                                        'REFILL_VALIDATION',
                                        'REFILL_UNPROCESSABLE',
                                        'REFILL_CONFLICT',
                                    )
                                        ? t('segments.error.fields')
                                        : errorMessage(save.error, t)}
                                </Alert>
                            )}
                            <TextInput
                                label={t('segments.name')}
                                required
                                maxLength={120}
                                value={name}
                                error={nameError}
                                onChange={(event) => setName(event.currentTarget.value)}
                            />
                            <Textarea
                                label={t('segments.description')}
                                maxLength={500}
                                autosize
                                minRows={1}
                                value={description}
                                onChange={(event) => setDescription(event.currentTarget.value)}
                            />
                            {root && (
                                <RuleGroupEditor
                                    group={root}
                                    depth={0}
                                    fields={fields}
                                    problems={problems}
                                    currencySymbol={units.currencySymbol}
                                    readOnly={readOnly}
                                    onChange={changeRule}
                                />
                            )}
                            {otherProblems.length > 0 && (
                                <Text size="sm" c="red.9" role="alert">
                                    {otherProblems.map((p) => problemText(t, p)).join(' ')}
                                </Text>
                            )}
                            {canEdit && !archived && (
                                <Group justify="flex-end">
                                    {segment && (
                                        <Button
                                            variant="default"
                                            color="red.9"
                                            onClick={() => setConfirmArchive(true)}
                                        >
                                            {t('segments.archive')}
                                        </Button>
                                    )}
                                    <Button type="submit" loading={save.isPending} disabled={!built}>
                                        {t(segment ? 'segments.save' : 'segments.create')}
                                    </Button>
                                </Group>
                            )}
                        </Stack>
                    </fieldset>
                </form>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
                {canEdit && !archived ? (
                    <LiveCount data={count.data} fetching={count.isFetching} state={countState} />
                ) : (
                    <Text size="sm" c="dimmed">
                        {t('segments.count.editorsOnly')}
                    </Text>
                )}
            </Grid.Col>
            <ConfirmModal
                opened={confirmArchive}
                title={t('segments.archive.title')}
                confirmLabel={t('segments.archive')}
                color="red.9"
                loading={archive.isPending}
                error={archive.error}
                onConfirm={doArchive}
                onClose={() => setConfirmArchive(false)}
            >
                {t('segments.archive.text', { name: segment?.name ?? '' })}
            </ConfirmModal>
        </Grid>
    );
}
