import { Text } from '@mantine/core';
import { useBlockCard } from '../../../api/customers';
import type { CustomerProfile } from '../../../api/contract';
import { useT } from '../../../i18n/locale-provider';
import { type DeskDialogFrame, DeskDialog } from './desk-dialog';
import { notifyDone } from './notify-done';

/** Block the card (tills refuse it; returns of its receipts still work), or unblock a blocked one. */
export function BlockDialog({ customer, ...frame }: DeskDialogFrame & { customer: CustomerProfile }) {
    const t = useT();
    const block = !customer.blocked;
    const mutation = useBlockCard(customer.cardNumber);
    const card = customer.cardNumber;
    return (
        <DeskDialog
            {...frame}
            title={block ? t('block.title') : t('unblock.title')}
            explanation={
                <Text size="sm">{block ? t('block.explain', { card }) : t('unblock.explain', { card })}</Text>
            }
            submitLabel={block ? t('block.submit') : t('unblock.submit')}
            color={block ? 'red.9' : undefined}
            pending={mutation.isPending}
            error={mutation.error}
            onSubmit={(reason) =>
                mutation.mutate(
                    { block, reason },
                    {
                        onSuccess: () => {
                            notifyDone(t, block ? t('block.done', { card }) : t('unblock.done', { card }));
                            frame.onClose();
                        },
                    },
                )
            }
        />
    );
}
