import { Button, Code, Group, Modal, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
    type TemplateKey,
    type TemplateVersion,
    type TemplateView,
    useRestoreVersion,
    useTemplateHistory,
} from '../../../api/templates';
import { errorMessage } from '../../../app/error-state';
import { DataTable, Loaded, Moment } from '../../../app/list-parts';
import { useT } from '../../../i18n/locale-provider';

/** What a version did: saved, restored an older one, or reverted to the shipped file. */
function actionText(version: TemplateVersion, t: ReturnType<typeof useT>): string {
    if (version.action === 'revert') return t('templates.history.revert');
    if (version.action === 'restore')
        return t('templates.history.restore', { id: version.restoredFrom ?? '—' });
    return t('templates.history.save');
}

/**
 * The template's saved versions, newest first: when, who, what they did;
 * each version's text can be read, and (for an editor) put back in use — a
 * restore is a save, checked and audited like one.
 */
export function HistoryPanel({
    templateKey,
    canEdit,
    onRestored,
}: {
    templateKey: TemplateKey;
    canEdit: boolean;
    onRestored(template: TemplateView): void;
}) {
    const t = useT();
    const history = useTemplateHistory(templateKey);
    const restore = useRestoreVersion(templateKey);
    const [shown, setShown] = useState<TemplateVersion | null>(null);
    const versions = history.data ?? [];
    return (
        <section aria-labelledby="template-history">
            <Title order={2} size="h4" id="template-history" mb="xs">
                {t('templates.history.title')}
            </Title>
            {restore.isError && (
                <Text c="red.9" size="sm" role="alert" mb="xs">
                    {errorMessage(restore.error, t)}
                </Text>
            )}
            <Loaded query={history}>
                {() => (
                    <DataTable
                        caption={t('templates.history.caption')}
                        columns={[
                            t('templates.history.when'),
                            t('templates.history.who'),
                            t('templates.history.what'),
                            t('common.actions'),
                        ]}
                        minWidth={420}
                        isEmpty={versions.length === 0}
                        emptyText={t('templates.history.empty')}
                    >
                        {versions.map((v) => (
                            <Table.Tr key={v.id}>
                                <Table.Td>
                                    <Moment iso={v.savedAt} />
                                </Table.Td>
                                <Table.Td style={{ overflowWrap: 'break-word' }}>{v.savedBy}</Table.Td>
                                <Table.Td>
                                    #{v.id} · {actionText(v, t)}
                                </Table.Td>
                                <Table.Td>
                                    {v.source !== null && (
                                        <Group gap="xs" wrap="nowrap">
                                            <Button
                                                size="compact-sm"
                                                variant="light"
                                                onClick={() => setShown(v)}
                                                aria-label={t('templates.history.showOne', { id: v.id })}
                                            >
                                                {t('templates.history.show')}
                                            </Button>
                                            {canEdit && (
                                                <Button
                                                    size="compact-sm"
                                                    variant="outline"
                                                    loading={restore.isPending && restore.variables === v.id}
                                                    onClick={() => restore.mutate(v.id, { onSuccess: onRestored })}
                                                    aria-label={t('templates.history.restoreOne', { id: v.id })}
                                                >
                                                    {t('templates.history.restoreButton')}
                                                </Button>
                                            )}
                                        </Group>
                                    )}
                                </Table.Td>
                            </Table.Tr>
                        ))}
                    </DataTable>
                )}
            </Loaded>
            <Modal
                opened={shown !== null}
                onClose={() => setShown(null)}
                title={shown ? t('templates.history.versionTitle', { id: shown.id, who: shown.savedBy }) : ''}
                size="lg"
                closeButtonProps={{ 'aria-label': t('common.close') }}
            >
                <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {shown?.source ?? ''}
                </Code>
            </Modal>
        </section>
    );
}
