import { NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useAdjustBalance } from '../../../api/customers';
import { newIdempotencyKey } from '../../../api/idempotency';
import type { CustomerProfile } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { type DeskDialogFrame, DeskDialog } from './desk-dialog';
import { notifyDone } from './notify-done';
import { fieldError } from './desk-error';

type Direction = 'credit' | 'debit';

/**
 * Credit or debit bonuses by hand. The server caps a manager's amount
 * (`REFILL_ADJUSTMENT_LIMIT`, with the limit) and refuses a debit beyond the
 * balance; the key made when the dialog opened makes a retry change nothing.
 */
export function AdjustDialog({ customer, ...frame }: DeskDialogFrame & { customer: CustomerProfile }) {
    const t = useT();
    const f = useFormat();
    const [idempotencyKey] = useState(newIdempotencyKey);
    const [direction, setDirection] = useState<Direction>('credit');
    const [amount, setAmount] = useState<number | ''>('');
    const [amountError, setAmountError] = useState<string | null>(null);
    const adjust = useAdjustBalance(customer.cardNumber);
    /** What the person typed, in whole bonuses; `minor` is what the API takes. */
    const value = typeof amount === 'number' ? amount : 0;
    const minor = f.bonusesToMinor(value);
    const explanation =
        direction === 'credit'
            ? t('adjust.explainCredit', { amount: f.bonuses(minor), card: customer.cardNumber })
            : t('adjust.explainDebit', {
                  amount: f.bonuses(minor),
                  card: customer.cardNumber,
                  balance: f.bonuses(customer.balance),
              });
    return (
        <DeskDialog
            {...frame}
            title={t('adjust.title')}
            explanation={<Text size="sm">{explanation}</Text>}
            submitLabel={direction === 'credit' ? t('adjust.submitCredit') : t('adjust.submitDebit')}
            color={direction === 'debit' ? 'red.9' : undefined}
            pending={adjust.isPending}
            error={adjust.error}
            validate={() => {
                const ok = Number.isInteger(value) && value > 0;
                setAmountError(ok ? null : t('adjust.amountRequired'));
                return ok;
            }}
            onSubmit={(reason) =>
                adjust.mutate(
                    { amount: direction === 'credit' ? minor : -minor, reason, idempotencyKey },
                    {
                        onSuccess: (result) => {
                            notifyDone(
                                t,
                                result.replayed
                                    ? t('adjust.replayed')
                                    : t(direction === 'credit' ? 'adjust.doneCredit' : 'adjust.doneDebit', {
                                          amount: f.bonuses(minor),
                                          balance: f.bonuses(result.balance.available),
                                      }),
                            );
                            frame.onClose();
                        },
                    },
                )
            }
        >
            <Stack gap="sm">
                <SegmentedControl
                    aria-label={t('adjust.direction')}
                    value={direction}
                    onChange={(next) => setDirection(next as Direction)}
                    data={[
                        { value: 'credit', label: t('adjust.credit') },
                        { value: 'debit', label: t('adjust.debit') },
                    ]}
                    disabled={adjust.isPending}
                />
                <NumberInput
                    label={t('adjust.amount')}
                    description={t('adjust.amountHint', { balance: f.bonuses(customer.balance) })}
                    required
                    min={1}
                    allowDecimal={false}
                    allowNegative={false}
                    thousandSeparator=" "
                    value={amount}
                    onChange={(next) => setAmount(typeof next === 'number' ? next : '')}
                    error={amountError ?? fieldError(adjust.error, 'amount')}
                    data-autofocus
                />
            </Stack>
        </DeskDialog>
    );
}
