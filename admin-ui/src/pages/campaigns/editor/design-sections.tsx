import {
    Group,
    NumberInput,
    SegmentedControl,
    Select,
    SimpleGrid,
    Switch,
    Text,
    TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useCategoryOptions } from '../../../api/campaigns';
import { useChain } from '../../../app/chain-provider';
import { useT } from '../../../i18n/locale-provider';
import type { DesignValues } from './design-form';
import { FormSection } from './form-section';

/** The form the sections edit. */
export type DesignForm = UseFormReturnType<DesignValues>;

/** Name, code and the audience: chronic category, lapse rule k, and the optional regular customers. */
export function AudienceSection({ form, creating }: { form: DesignForm; creating: boolean }) {
    const t = useT();
    const categories = useCategoryOptions();
    return (
        <FormSection title={t('campaigns.editor.audience')} hint={t('campaigns.editor.audienceHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('campaigns.editor.name')} required {...form.getInputProps('name')} />
                <TextInput
                    label={t('campaigns.editor.code')}
                    description={t('campaigns.editor.codeHint')}
                    required
                    disabled={!creating}
                    {...form.getInputProps('code')}
                />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                    label={t('campaigns.editor.category')}
                    required
                    searchable
                    placeholder={t('campaigns.editor.categoryPick')}
                    data={(categories.data ?? []).map((c) => ({
                        value: c.code,
                        label: `${c.code} · ${c.name}`,
                    }))}
                    nothingFoundMessage={t('campaigns.editor.noCategory')}
                    {...form.getInputProps('categoryCode')}
                />
                <NumberInput
                    label={t('campaigns.editor.lapseK')}
                    description={t('campaigns.editor.lapseKHint')}
                    min={100}
                    max={1000}
                    step={10}
                    suffix=" %"
                    {...form.getInputProps('lapseKPct')}
                />
            </SimpleGrid>
            <Switch
                label={t('campaigns.editor.regular')}
                description={t('campaigns.editor.regularHint')}
                {...form.getInputProps('regular', { type: 'checkbox' })}
            />
            {form.values.regular && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <NumberInput
                        label={t('campaigns.editor.regularActiveDays')}
                        min={1}
                        max={730}
                        {...form.getInputProps('regularActiveDays')}
                    />
                    <NumberInput
                        label={t('campaigns.editor.regularMinPurchases')}
                        min={1}
                        max={1000}
                        {...form.getInputProps('regularMinPurchases')}
                    />
                </SimpleGrid>
            )}
        </FormSection>
    );
}

/** Eligibility filters: average receipt, revenue over 12 months, purchases. */
export function FiltersSection({ form }: { form: DesignForm }) {
    const t = useT();
    const { currency } = useChain();
    return (
        <FormSection title={t('campaigns.editor.filters')} hint={t('campaigns.editor.filtersHint')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                    label={t('campaigns.editor.minAverageReceipt', { currency })}
                    min={0}
                    {...form.getInputProps('minAverageReceipt')}
                />
                <NumberInput
                    label={t('campaigns.editor.minRevenue12m', { currency })}
                    min={0}
                    {...form.getInputProps('minRevenue12m')}
                />
                <NumberInput
                    label={t('campaigns.editor.minPurchaseCount')}
                    min={0}
                    {...form.getInputProps('minPurchaseCount')}
                />
            </SimpleGrid>
        </FormSection>
    );
}

/** The offer: a bonus multiplier or a gift of bonuses, its minimum basket and validity. */
export function OfferSection({ form }: { form: DesignForm }) {
    const t = useT();
    const { currency } = useChain();
    return (
        <FormSection title={t('campaigns.editor.offer')} hint={t('campaigns.editor.offerHint')}>
            <div>
                <Text size="sm" fw={500} id="offer-kind-label" mb={4}>
                    {t('campaigns.editor.offerKind')}
                </Text>
                <SegmentedControl
                    aria-labelledby="offer-kind-label"
                    data={[
                        { value: 'gift', label: t('campaigns.editor.gift') },
                        { value: 'multiplier', label: t('campaigns.editor.multiplier') },
                    ]}
                    {...form.getInputProps('offerKind')}
                />
            </div>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {form.values.offerKind === 'gift' ? (
                    <>
                        <NumberInput
                            label={t('campaigns.editor.giftAmount')}
                            description={t('campaigns.editor.giftAmountHint')}
                            min={1}
                            {...form.getInputProps('giftAmount')}
                        />
                        <NumberInput
                            label={t('campaigns.editor.minAmount', { currency })}
                            min={0}
                            {...form.getInputProps('minAmount')}
                        />
                    </>
                ) : (
                    <NumberInput
                        label={t('campaigns.editor.multiplierValue')}
                        min={2}
                        max={20}
                        prefix="×"
                        {...form.getInputProps('multiplier')}
                    />
                )}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                    label={t('campaigns.editor.validDays')}
                    min={1}
                    max={365}
                    {...form.getInputProps('validDays')}
                />
                <NumberInput
                    label={t('campaigns.editor.bonusLifetimeDays')}
                    min={1}
                    max={365}
                    {...form.getInputProps('bonusLifetimeDays')}
                />
            </SimpleGrid>
        </FormSection>
    );
}

/** Control share, the measurement windows, the dates and the daily cap. */
export function MeasureSection({ form }: { form: DesignForm }) {
    const t = useT();
    return (
        <FormSection title={t('campaigns.editor.measure')} hint={t('campaigns.editor.measureHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                    label={t('campaigns.editor.controlShare')}
                    description={t('campaigns.editor.controlShareHint')}
                    min={0}
                    max={50}
                    suffix=" %"
                    {...form.getInputProps('controlSharePct')}
                />
                <NumberInput
                    label={t('campaigns.editor.dailyCap')}
                    description={t('campaigns.editor.dailyCapHint')}
                    min={1}
                    {...form.getInputProps('dailyCap')}
                />
                <NumberInput
                    label={t('campaigns.editor.settlementLag')}
                    min={0}
                    max={60}
                    {...form.getInputProps('settlementLagDays')}
                />
                <NumberInput
                    label={t('campaigns.editor.cooldown')}
                    min={0}
                    max={365}
                    {...form.getInputProps('cooldownDays')}
                />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                    label={t('campaigns.editor.expectedConversion')}
                    description={t('campaigns.editor.expectedConversionHint')}
                    min={0.1}
                    max={99}
                    decimalScale={2}
                    suffix=" %"
                    {...form.getInputProps('expectedConversionPct')}
                />
                <NumberInput
                    label={t('campaigns.editor.expectedUplift')}
                    description={t('campaigns.editor.expectedUpliftHint')}
                    min={0.1}
                    max={100}
                    decimalScale={2}
                    {...form.getInputProps('expectedUpliftPct')}
                />
                <NumberInput
                    label={t('campaigns.editor.expectedDailySize')}
                    description={t('campaigns.editor.expectedDailySizeHint')}
                    min={1}
                    {...form.getInputProps('expectedDailySize')}
                />
            </SimpleGrid>
            <Group grow>
                <TextInput
                    type="date"
                    label={t('campaigns.editor.startsAt')}
                    {...form.getInputProps('startsAt')}
                />
                <TextInput
                    type="date"
                    label={t('campaigns.editor.endsAt')}
                    {...form.getInputProps('endsAt')}
                />
            </Group>
        </FormSection>
    );
}

/** The budget cap (currency units; empty: no cap) and the campaign's own sender name. */
export function SendingSection({ form }: { form: DesignForm }) {
    const t = useT();
    const { currency } = useChain();
    return (
        <FormSection title={t('campaigns.editor.sending')} hint={t('campaigns.editor.sendingHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                    label={t('campaigns.editor.budgetCap', { currency })}
                    description={t('campaigns.editor.budgetCapHint')}
                    min={0}
                    decimalScale={2}
                    {...form.getInputProps('budgetCap')}
                />
                <TextInput
                    label={t('campaigns.editor.senderName')}
                    description={t('campaigns.editor.senderNameHint')}
                    maxLength={80}
                    {...form.getInputProps('senderName')}
                />
            </SimpleGrid>
        </FormSection>
    );
}
