import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useReplaceCard } from '../../../api/customers';
import { newIdempotencyKey } from '../../../api/idempotency';
import type { CustomerProfile } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { cardPath } from '../desk-words';
import { type DeskDialogFrame, DeskDialog } from './desk-dialog';
import { notifyDone } from './notify-done';
import { fieldError } from './desk-error';

/** A card number as the API takes it: 4 to 64 letters, digits or dashes. */
const CARD_PATTERN = /^[0-9A-Za-z-]{4,64}$/;

/**
 * Replace a lost card: the customer (balance, lots, history) moves to the new
 * card, the old one is refused at every till from then on. On success the
 * page moves to the new card.
 */
export function ReplaceDialog({ customer, ...frame }: DeskDialogFrame & { customer: CustomerProfile }) {
    const t = useT();
    const f = useFormat();
    const navigate = useNavigate();
    const [idempotencyKey] = useState(newIdempotencyKey);
    const [newCardNumber, setNewCardNumber] = useState('');
    const [cardError, setCardError] = useState<string | null>(null);
    const replace = useReplaceCard(customer.cardNumber);
    const next = newCardNumber.trim();
    return (
        <DeskDialog
            {...frame}
            title={t('replace.title')}
            explanation={
                <>
                    <Text size="sm">
                        {t('replace.explain', {
                            card: customer.cardNumber,
                            balance: f.bonuses(customer.balance),
                        })}
                    </Text>
                    <Text size="sm" fw={600}>
                        {t('replace.warning', { card: customer.cardNumber })}
                    </Text>
                </>
            }
            submitLabel={t('replace.submit')}
            color="red.9"
            pending={replace.isPending}
            error={replace.error}
            validate={() => {
                const problem = !CARD_PATTERN.test(next)
                    ? t('replace.cardInvalid')
                    : next === customer.cardNumber
                      ? t('replace.sameCard')
                      : null;
                setCardError(problem);
                return problem === null;
            }}
            onSubmit={(reason) =>
                replace.mutate(
                    { newCardNumber: next, reason, idempotencyKey },
                    {
                        onSuccess: () => {
                            notifyDone(t, t('replace.done', { old: customer.cardNumber, card: next }));
                            frame.onClose();
                            void navigate(cardPath(next));
                        },
                    },
                )
            }
        >
            <TextInput
                label={t('replace.newCard')}
                description={t('replace.newCardHint')}
                required
                autoComplete="off"
                spellCheck={false}
                value={newCardNumber}
                onChange={(event) => setNewCardNumber(event.currentTarget.value)}
                error={cardError ?? fieldError(replace.error, 'newCardNumber')}
                data-autofocus
            />
        </DeskDialog>
    );
}
