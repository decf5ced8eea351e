import { Select, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSetConsent } from '../../../api/customers';
import { CONSENT_CHANNELS, type ConsentChannel, type ConsentKind } from '../../../api/contract';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import type { ConsentTarget } from '../sections/consents-section';
import { type DeskDialogFrame, DeskDialog } from './desk-dialog';
import { notifyDone } from './notify-done';

/** Grant or withdraw one consent (a channel, marketing or service); the history records the user and reason. */
export function ConsentDialog({
    cardNumber,
    initial,
    ...frame
}: DeskDialogFrame & { cardNumber: string; initial: ConsentTarget }) {
    const t = useT();
    const [target, setTarget] = useState<ConsentTarget>(initial);
    const setConsent = useSetConsent(cardNumber);
    const what = t('consents.what', {
        channel: word(t, 'channel', target.channel),
        kind: word(t, 'consentKind', target.kind),
    });
    return (
        <DeskDialog
            {...frame}
            title={t('consentDialog.title')}
            explanation={
                <Text size="sm">
                    {target.granted
                        ? t('consentDialog.explainGrant', { what, card: cardNumber })
                        : t('consentDialog.explainWithdraw', { what, card: cardNumber })}
                </Text>
            }
            submitLabel={target.granted ? t('consents.grant') : t('consents.withdraw')}
            color={target.granted ? undefined : 'red.9'}
            pending={setConsent.isPending}
            error={setConsent.error}
            onSubmit={(reason) =>
                setConsent.mutate(
                    { ...target, reason },
                    {
                        onSuccess: () => {
                            notifyDone(t, t('consentDialog.done', { what }));
                            frame.onClose();
                        },
                    },
                )
            }
        >
            <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <Select
                        label={t('consents.channel')}
                        data={CONSENT_CHANNELS.map((value) => ({ value, label: word(t, 'channel', value) }))}
                        value={target.channel}
                        allowDeselect={false}
                        onChange={(value) =>
                            value && setTarget((v) => ({ ...v, channel: value as ConsentChannel }))
                        }
                    />
                    <Select
                        label={t('consents.kind')}
                        data={(['marketing', 'service'] as const).map((value) => ({
                            value,
                            label: word(t, 'consentKind', value),
                        }))}
                        value={target.kind}
                        allowDeselect={false}
                        onChange={(value) =>
                            value && setTarget((v) => ({ ...v, kind: value as ConsentKind }))
                        }
                    />
                </SimpleGrid>
                <SegmentedControl
                    aria-label={t('consents.state')}
                    value={target.granted ? 'grant' : 'withdraw'}
                    onChange={(value) => setTarget((v) => ({ ...v, granted: value === 'grant' }))}
                    data={[
                        { value: 'grant', label: t('consents.grant') },
                        { value: 'withdraw', label: t('consents.withdraw') },
                    ]}
                />
            </Stack>
        </DeskDialog>
    );
}
