import { Alert, Button, NumberInput, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useChangeBudgetCap } from '../../../api/campaign';
import type { BudgetView, CampaignDetail } from '../../../api/campaign-types';
import { useSession } from '../../../api/session';
import { useChain } from '../../../app/chain-provider';
import { ConfirmModal } from '../../../app/dialog-parts';
import { minorDigits } from '../../../format/format';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { Section } from '../section';

/** The cap dialog: a new cap in currency units (empty: no cap), said back before it is saved. */
function CapDialog({
    campaign,
    budget,
    onClose,
}: {
    campaign: CampaignDetail;
    budget: BudgetView;
    onClose(): void;
}) {
    const t = useT();
    const f = useFormat();
    const { currency } = useChain();
    const digits = minorDigits(currency);
    const change = useChangeBudgetCap(campaign.id);
    const [value, setValue] = useState<number | ''>(budget.cap === null ? '' : budget.cap / 10 ** digits);
    const [problem, setProblem] = useState<string | null>(null);
    const confirm = () => {
        if (value !== '' && !(value > 0)) {
            setProblem(t('campaign.budget.capInvalid'));
            return;
        }
        change.mutate(value === '' ? null : Math.round(value * 10 ** digits), { onSuccess: onClose });
    };
    return (
        <ConfirmModal
            opened
            title={t('campaign.budget.changeTitle')}
            confirmLabel={t('campaign.budget.changeConfirm')}
            loading={change.isPending}
            error={change.error}
            onConfirm={confirm}
            onClose={onClose}
        >
            <Stack gap="sm">
                <Text size="sm">{t('campaign.budget.changeText', { spent: f.money(budget.spent) })}</Text>
                <NumberInput
                    label={t('campaign.budget.cap', { currency })}
                    description={t('campaign.budget.capHint')}
                    min={0}
                    decimalScale={digits}
                    value={value}
                    error={problem}
                    data-autofocus
                    onChange={(v) => {
                        setProblem(null);
                        setValue(typeof v === 'number' ? v : v === '' ? '' : Number(v));
                    }}
                />
            </Stack>
        </ConfirmModal>
    );
}

/**
 * The campaign's message budget: a banner when sending stopped at the cap,
 * otherwise the spend against the cap; admins and marketers may change the
 * cap (raising or clearing it resumes sending) until the campaign finishes.
 */
export function BudgetSection({ campaign, budget }: { campaign: CampaignDetail; budget: BudgetView }) {
    const t = useT();
    const f = useFormat();
    const role = useSession().data?.user.role;
    const [editing, setEditing] = useState(false);
    const canEdit = (role === 'admin' || role === 'marketer') && campaign.status !== 'finished';
    return (
        <Section
            title={t('campaign.budget.title')}
            actions={
                canEdit && (
                    <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                        {t('campaign.budget.change')}
                    </Button>
                )
            }
        >
            <Stack gap="xs">
                {budget.reachedAt && budget.cap !== null && (
                    <Alert color="red" variant="light" role="alert" title={t('campaign.budget.stoppedTitle')}>
                        {t('campaign.budget.stopped', {
                            time: f.dateTime(budget.reachedAt),
                            cap: f.money(budget.cap),
                            spent: f.money(budget.spent),
                        })}
                    </Alert>
                )}
                {budget.cap === null ? (
                    <Text size="sm">{t('campaign.budget.noCap', { spent: f.money(budget.spent) })}</Text>
                ) : (
                    <>
                        <Text size="sm">
                            {t('campaign.budget.spent', {
                                spent: f.money(budget.spent),
                                cap: f.money(budget.cap),
                                remaining: f.money(budget.remaining ?? 0),
                            })}
                        </Text>
                        <Progress
                            value={Math.min(100, (budget.usedShare ?? 0) * 100)}
                            color={
                                budget.reachedAt ? 'red' : (budget.usedShare ?? 0) >= 0.8 ? 'orange' : 'teal'
                            }
                            aria-label={t('campaign.budget.used')}
                        />
                    </>
                )}
                <Text size="xs" c="dimmed">
                    {t('campaign.budget.note')}
                </Text>
            </Stack>
            {editing && <CapDialog campaign={campaign} budget={budget} onClose={() => setEditing(false)} />}
        </Section>
    );
}
