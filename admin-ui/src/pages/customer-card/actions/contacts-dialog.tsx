import { Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { type ChangeEvent, useMemo, useState } from 'react';
import { useUpdateContacts } from '../../../api/customers';
import type { ContactsChange, CustomerProfile } from '../../../api/contract';
import { useChain } from '../../../app/chain-provider';
import { useT } from '../../../i18n/locale-provider';
import { type DeskDialogFrame, DeskDialog } from './desk-dialog';
import { notifyDone } from './notify-done';
import { fieldError } from './desk-error';

type Field = 'name' | 'phone' | 'email' | 'timezone' | 'locale' | 'birthDate';
type Values = Record<Field, string>;

const FIELDS: readonly Field[] = ['name', 'phone', 'email', 'timezone', 'locale', 'birthDate'];

/** Today as `YYYY-MM-DD` (UTC), the latest birth date the API takes. */
const today = () => new Date().toISOString().slice(0, 10);

/** The IANA zones the browser knows, for the timezone picker. */
function timezones(): string[] {
    try {
        return Intl.supportedValuesOf('timeZone');
    } catch {
        return [];
    }
}

/** Only what the person changed: an emptied field clears it (`null`), an untouched one is left out. */
export function contactChanges(before: Values, after: Values): Omit<ContactsChange, 'reason'> {
    const change: Record<string, string | null> = {};
    for (const field of FIELDS) {
        const next = after[field].trim();
        if (next !== before[field].trim()) change[field] = next === '' ? null : next;
    }
    return change as Omit<ContactsChange, 'reason'>;
}

/** Edit the customer's name, phone (any format; the server stores E.164), e-mail, timezone, language and birth date. */
export function ContactsDialog({ customer, ...frame }: DeskDialogFrame & { customer: CustomerProfile }) {
    const t = useT();
    const chain = useChain();
    const update = useUpdateContacts(customer.cardNumber);
    const initial = useMemo<Values>(
        () => ({
            name: customer.name ?? '',
            phone: customer.phone ?? '',
            email: customer.email ?? '',
            timezone: customer.timezone ?? '',
            locale: customer.locale ?? '',
            birthDate: customer.birthDate ?? '',
        }),
        [customer],
    );
    const [values, setValues] = useState<Values>(initial);
    const [formError, setFormError] = useState<string | null>(null);
    const zones = useMemo(timezones, []);
    const set = (field: Field) => (value: string | null) =>
        setValues((v) => ({ ...v, [field]: value ?? '' }));
    const text = (field: Field) => ({
        value: values[field],
        onChange: (event: ChangeEvent<HTMLInputElement>) => set(field)(event.currentTarget.value),
        error: fieldError(update.error, field),
    });
    return (
        <DeskDialog
            {...frame}
            title={t('contacts.title')}
            explanation={<Text size="sm">{t('contacts.explain', { card: customer.cardNumber })}</Text>}
            submitLabel={t('contacts.submit')}
            pending={update.isPending}
            error={update.error}
            validate={() => {
                const birth = values.birthDate.trim();
                if (birth && (birth < '1900-01-01' || birth > today())) {
                    setFormError(t('contacts.birthDateInvalid'));
                    return false;
                }
                const ok = Object.keys(contactChanges(initial, values)).length > 0;
                setFormError(ok ? null : t('contacts.nothingChanged'));
                return ok;
            }}
            onSubmit={(reason) =>
                update.mutate(
                    { ...contactChanges(initial, values), reason },
                    {
                        onSuccess: () => {
                            notifyDone(t, t('contacts.done'));
                            frame.onClose();
                        },
                    },
                )
            }
        >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('customer.name')} autoComplete="off" data-autofocus {...text('name')} />
                <TextInput
                    label={t('customer.phone')}
                    description={t('contacts.phoneHint')}
                    type="tel"
                    autoComplete="off"
                    {...text('phone')}
                />
                <TextInput label={t('customer.email')} type="email" autoComplete="off" {...text('email')} />
                <Select
                    label={t('customer.timezone')}
                    placeholder={t('customer.chainTimezone', { zone: chain.timezone })}
                    data={zones}
                    searchable
                    clearable
                    value={values.timezone || null}
                    onChange={set('timezone')}
                    error={fieldError(update.error, 'timezone')}
                    nothingFoundMessage={t('contacts.noZone')}
                />
                <Select
                    label={t('customer.locale')}
                    data={[
                        { value: 'ru', label: t('locale.ru') },
                        { value: 'en', label: t('locale.en') },
                    ]}
                    clearable
                    value={values.locale || null}
                    onChange={set('locale')}
                    error={fieldError(update.error, 'locale')}
                />
                <TextInput
                    label={t('customer.birthDate')}
                    description={t('contacts.birthDateHint')}
                    type="date"
                    min="1900-01-01"
                    max={today()}
                    {...text('birthDate')}
                />
            </SimpleGrid>
            {formError && (
                <Text c="red" size="sm" role="alert">
                    {formError}
                </Text>
            )}
        </DeskDialog>
    );
}
