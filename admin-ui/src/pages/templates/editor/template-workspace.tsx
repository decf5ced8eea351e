import { Button, Grid, Group, Modal, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../../api/session';
import {
    type TemplatePreview,
    type TemplateView,
    useRevertTemplate,
    useSaveTemplate,
    useTemplatePreview,
} from '../../../api/templates';
import { errorMessage } from '../../../app/error-state';
import { Moment, PageHeader } from '../../../app/list-parts';
import { StatusBadge } from '../../../app/status-badge';
import { useT } from '../../../i18n/locale-provider';
import { refusalOf, transliterationOf, withTransliteration } from '../template-source';
import { channelLabel, kindLabel, localeLabel, originBadge } from '../template-words';
import { HistoryPanel } from './history-panel';
import { PreviewPanel } from './preview-panel';
import { RefusalAlert, refusalReason } from './refusal-alert';
import { SmsCounter } from './sms-counter';
import { type CodeEditorHandle, TemplateCodeEditor } from './template-code-editor';
import { VariablesPanel } from './variables-panel';

/**
 * One template at work: the source in CodeMirror (read-only for an analyst),
 * the server's refusal marked at its line, the variables to insert, a live
 * preview (debounced) on samples or a customer, the SMS segment counter with
 * the transliteration switch, save, revert to the shipped file (confirmed),
 * and the history of saved versions.
 */
export function TemplateWorkspace({ template }: { template: TemplateView }) {
    const t = useT();
    const key = { kind: template.kind, channel: template.channel, locale: template.locale };
    const role = useSession().data?.user.role;
    const canEdit = role === 'admin' || role === 'marketer';
    const [draft, setDraft] = useState(template.source);
    const [card, setCard] = useState('');
    const [confirming, setConfirming] = useState(false);
    const [debouncedDraft] = useDebouncedValue(draft, 400);
    const [debouncedCard] = useDebouncedValue(card, 500);
    const preview = useTemplatePreview(key, canEdit ? debouncedDraft : null, debouncedCard);
    const save = useSaveTemplate(key);
    const revert = useRevertTemplate(key);
    const editor = useRef<CodeEditorHandle>(null);

    // The last preview that rendered stays shown while the text is refused.
    const [shown, setShown] = useState<TemplatePreview | undefined>(undefined);
    useEffect(() => {
        if (preview.data) setShown(preview.data);
    }, [preview.data]);

    const refusal = refusalOf(preview.error) ?? (save.isError ? refusalOf(save.error) : null);
    const previewError = refusalOf(preview.error) ? null : preview.error;
    const dirty = draft !== template.source;
    const badge = originBadge(template.origin, t);
    const title = `${kindLabel(template.kind, t)} · ${channelLabel(template.channel, t)} · ${localeLabel(template.locale, t)}`;
    const put = (next: TemplateView) => setDraft(next.source);

    return (
        <>
            <PageHeader title={title}>
                {canEdit && (
                    <>
                        <Button
                            variant="outline"
                            color="red"
                            disabled={template.origin !== 'database'}
                            onClick={() => setConfirming(true)}
                        >
                            {t('templates.revert')}
                        </Button>
                        <Button
                            disabled={!dirty}
                            loading={save.isPending}
                            onClick={() =>
                                save.mutate(draft, {
                                    onSuccess: (saved) => {
                                        put(saved);
                                        notifications.show({
                                            color: 'green',
                                            message: t('templates.saved'),
                                            closeButtonProps: { 'aria-label': t('common.close') },
                                        });
                                    },
                                })
                            }
                        >
                            {t('templates.save')}
                        </Button>
                    </>
                )}
            </PageHeader>
            <Group gap="sm" mb="md" wrap="wrap">
                <StatusBadge tone={badge.tone}>{badge.label}</StatusBadge>
                {template.updatedBy && (
                    <Text size="sm">
                        {t('templates.changedBy', { who: template.updatedBy })}{' '}
                        <Moment iso={template.updatedAt} />
                    </Text>
                )}
                {!canEdit && <StatusBadge tone="neutral">{t('templates.readOnly')}</StatusBadge>}
                {dirty && <StatusBadge tone="warn">{t('templates.unsaved')}</StatusBadge>}
                <Text component={Link} to="/templates" size="sm" c="blue.9" td="underline">
                    {t('templates.backToList')}
                </Text>
            </Group>
            <Grid gap="lg">
                <Grid.Col span={{ base: 12, md: 8 }}>
                    <Stack gap="sm">
                        <TemplateCodeEditor
                            value={draft}
                            onChange={setDraft}
                            label={t('templates.editorLabel', { title })}
                            readOnly={!canEdit}
                            handle={editor}
                            problem={
                                refusal?.line
                                    ? { line: refusal.line, column: refusal.column, message: refusalReason(refusal, t) }
                                    : null
                            }
                        />
                        {refusal && <RefusalAlert refusal={refusal} />}
                        {save.isError && !refusalOf(save.error) && (
                            <Text c="red.9" size="sm" role="alert">
                                {errorMessage(save.error, t)}
                            </Text>
                        )}
                        {template.channel === 'sms' && (
                            <SmsCounter
                                sms={shown?.sms}
                                transliterate={transliterationOf(draft) !== null}
                                onTransliterate={(on) => setDraft(withTransliteration(draft, on))}
                                disabled={!canEdit}
                            />
                        )}
                    </Stack>
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 4 }}>
                    <Stack gap="lg">
                        <PreviewPanel
                            preview={shown}
                            loading={preview.isFetching}
                            error={previewError}
                            cardNumber={card}
                            onCardNumber={setCard}
                        />
                        <VariablesPanel
                            templateKey={key}
                            onInsert={canEdit ? (text) => editor.current?.insert(text) : undefined}
                        />
                    </Stack>
                </Grid.Col>
                <Grid.Col span={12}>
                    <HistoryPanel templateKey={key} canEdit={canEdit} onRestored={put} />
                </Grid.Col>
            </Grid>
            <Modal
                opened={confirming}
                onClose={() => setConfirming(false)}
                title={t('templates.revertTitle')}
                closeButtonProps={{ 'aria-label': t('common.close') }}
            >
                <Text size="sm" mb="md">
                    {t('templates.revertExplain')}
                </Text>
                {revert.isError && (
                    <Text c="red.9" size="sm" role="alert" mb="sm">
                        {errorMessage(revert.error, t)}
                    </Text>
                )}
                <Group justify="flex-end">
                    <Button variant="default" onClick={() => setConfirming(false)}>
                        {t('common.cancel')}
                    </Button>
                    <Button
                        color="red"
                        loading={revert.isPending}
                        onClick={() =>
                            revert.mutate(undefined, {
                                onSuccess: (reverted) => {
                                    put(reverted);
                                    setConfirming(false);
                                },
                            })
                        }
                    >
                        {t('templates.revertConfirm')}
                    </Button>
                </Group>
            </Modal>
        </>
    );
}
