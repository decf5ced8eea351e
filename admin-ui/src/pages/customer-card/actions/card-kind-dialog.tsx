import { Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSetCardKind } from '../../../api/customers';
import type { CardKind, CustomerProfile } from '../../../api/contract';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import { type DeskDialogFrame, DeskDialog } from './desk-dialog';
import { notifyDone } from './notify-done';

const KINDS: readonly CardKind[] = ['regular', 'test', 'employee'];

/**
 * Mark the card regular, test or employee (campaigns leave the last two out).
 * The existing route (`PUT /customers/:card/card-kind`) takes no reason, so
 * this dialog asks for none; the change is audited under the user's name.
 */
export function CardKindDialog({ customer, ...frame }: DeskDialogFrame & { customer: CustomerProfile }) {
    const t = useT();
    const [kind, setKind] = useState<CardKind>(customer.cardKind);
    const setCardKind = useSetCardKind(customer.cardNumber);
    return (
        <DeskDialog
            {...frame}
            title={t('cardKind.title')}
            explanation={<Text size="sm">{t('cardKind.explain', { card: customer.cardNumber })}</Text>}
            submitLabel={t('cardKind.submit')}
            pending={setCardKind.isPending}
            error={setCardKind.error}
            withReason={false}
            onSubmit={() =>
                setCardKind.mutate(kind, {
                    onSuccess: () => {
                        notifyDone(t, t('cardKind.done', { kind: word(t, 'cardKind', kind) }));
                        frame.onClose();
                    },
                })
            }
        >
            <Radio.Group
                label={t('cardKind.label')}
                value={kind}
                onChange={(value) => setKind(value as CardKind)}
            >
                <Stack gap="xs" mt="xs">
                    {KINDS.map((value) => (
                        <Radio
                            key={value}
                            value={value}
                            label={word(t, 'cardKind', value)}
                            description={word(t, 'cardKindHint', value)}
                        />
                    ))}
                </Stack>
            </Radio.Group>
        </DeskDialog>
    );
}
