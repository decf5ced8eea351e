import { Alert, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useContactPolicy, useSaveContactPolicy } from '../../api/messaging';
import { useSession } from '../../api/session';
import { Loaded, PageHeader } from '../../app/list-parts';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { PolicyForm } from './policy-form';
import { PolicyTables } from './policy-tables';

/**
 * The contact policy (admin, marketer, analyst): sending hours, quiet days
 * after a purchase, the minimum gap, the monthly cap and the caps per channel
 * and across channels, each with its value, its default and what it means
 * for a customer. Editors change it (audited, applied from the next dispatch
 * run); the analyst reads it.
 */
export default function ContactPolicyPage() {
    const t = useT();
    const f = useFormat();
    const policy = useContactPolicy();
    const save = useSaveContactPolicy();
    const role = useSession().data?.user.role;
    const edits = role === 'admin' || role === 'marketer';
    const [editing, setEditing] = useState(false);
    return (
        <>
            <PageHeader title={t('messaging.policy.title')}>
                {edits && !editing && policy.data && (
                    <Button
                        onClick={() => {
                            save.reset();
                            setEditing(true);
                        }}
                    >
                        {t('messaging.policy.edit')}
                    </Button>
                )}
            </PageHeader>
            <Loaded query={policy}>
                {() => {
                    const data = policy.data!;
                    return (
                        <>
                            <Alert color="blue" mb="md">
                                <Text size="sm">{t('messaging.policy.about')}</Text>
                                <Text size="sm" mt={4}>
                                    {data.customised && data.updatedAt
                                        ? t('messaging.policy.changedBy', {
                                              who: data.updatedBy ?? '—',
                                              when: f.dateTime(data.updatedAt),
                                          })
                                        : t('messaging.policy.fromOptions')}
                                </Text>
                            </Alert>
                            {editing ? (
                                <PolicyForm
                                    initial={data.policy}
                                    defaults={data.defaults}
                                    saving={save.isPending}
                                    error={save.error}
                                    onCancel={() => setEditing(false)}
                                    onSave={(values) =>
                                        save.mutate(values, {
                                            onSuccess: () => {
                                                setEditing(false);
                                                notifications.show({
                                                    color: 'green',
                                                    message: t('messaging.policy.saved'),
                                                    closeButtonProps: { 'aria-label': t('common.close') },
                                                });
                                            },
                                        })
                                    }
                                />
                            ) : (
                                <PolicyTables policy={data.policy} defaults={data.defaults} />
                            )}
                        </>
                    );
                }}
            </Loaded>
        </>
    );
}
