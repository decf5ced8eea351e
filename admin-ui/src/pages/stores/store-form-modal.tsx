import { Alert, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { isApiError } from '../../api/api-error';
import type { StoreView } from '../../api/contract';
import { useSaveStore } from '../../api/stores';
import { useChain } from '../../app/chain-provider';
import { DialogButtons } from '../../app/dialog-parts';
import { type Coordinate, coordinateProblem, locationOf } from './store-location';
import { errorMessage } from '../../app/error-state';
import { useT } from '../../i18n/locale-provider';

/** A store code as the API accepts it: 1 to 64 letters, digits and `. _ -`. */
const STORE_CODE = /^[A-Za-z0-9._-]{1,64}$/;

/** The value of the timezone select that stands for "the chain's timezone" (`null` in the API). */
const CHAIN_TIMEZONE = '';

/** Every IANA timezone this browser knows, plus `current` if it is an alias the list leaves out. */
export function timezoneChoices(current: string | null): string[] {
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    if (current) zones.add(current);
    return [...zones].sort();
}

/** Create a store (`store` absent) or change one: code (on creation only), name, timezone, address, location. */
export function StoreFormModal({ store, onClose }: { store: StoreView | null; onClose(): void }) {
    const t = useT();
    const chain = useChain();
    const save = useSaveStore();
    const creating = store === null;
    const coordinateMessage = (problem: 'range' | 'pair' | null, limit: number) =>
        problem === null
            ? null
            : problem === 'pair'
              ? t('stores.locationPair')
              : t('stores.coordinateRange', { limit });
    const form = useForm({
        initialValues: {
            code: store?.code ?? '',
            name: store?.name ?? '',
            timezone: store?.timezone ?? CHAIN_TIMEZONE,
            address: store?.address ?? '',
            latitude: (store?.location?.lat ?? '') as Coordinate,
            longitude: (store?.location?.lon ?? '') as Coordinate,
        },
        validate: {
            code: (v) => (!creating || STORE_CODE.test(v.trim()) ? null : t('stores.codeInvalid')),
            name: (v) => (v.trim() ? null : t('form.required')),
            latitude: (v, all) => coordinateMessage(coordinateProblem(v, all.longitude, 90), 90),
            longitude: (v, all) => coordinateMessage(coordinateProblem(v, all.latitude, 180), 180),
        },
    });
    const timezones = useMemo(
        () => [
            { value: CHAIN_TIMEZONE, label: t('stores.chainTimezone', { timezone: chain.timezone }) },
            ...timezoneChoices(store?.timezone ?? null).map((zone) => ({ value: zone, label: zone })),
        ],
        [chain.timezone, store?.timezone, t],
    );
    const submit = form.onSubmit((values) =>
        save.mutate(
            {
                code: values.code.trim(),
                fields: {
                    name: values.name.trim(),
                    timezone: values.timezone || null,
                    address: values.address.trim() || null,
                    location: locationOf(values.latitude, values.longitude),
                },
            },
            {
                onSuccess: (saved) => {
                    notifications.show({
                        color: 'teal',
                        message: t(creating ? 'stores.created' : 'stores.saved', { name: saved.name }),
                    });
                    onClose();
                },
                onError: (error) => {
                    if (!isApiError(error, 'REFILL_VALIDATION')) return;
                    for (const problem of error.fieldProblems()) {
                        const field =
                            problem.path === 'location.lat'
                                ? 'latitude'
                                : problem.path.startsWith('location')
                                  ? 'longitude'
                                  : problem.path;
                        if (field in form.values) form.setFieldError(field, t('form.invalid'));
                    }
                },
            },
        ),
    );
    return (
        <Modal centered opened onClose={onClose} title={t(creating ? 'stores.new' : 'stores.edit')}>
            <form onSubmit={submit} noValidate>
                <Stack gap="md">
                    {save.isError && !isApiError(save.error, 'REFILL_VALIDATION') && (
                        <Alert color="red" role="alert">
                            {errorMessage(save.error, t)}
                        </Alert>
                    )}
                    <TextInput
                        label={t('stores.code')}
                        description={creating ? t('stores.codeHint') : undefined}
                        required
                        disabled={!creating}
                        data-autofocus={creating || undefined}
                        {...form.getInputProps('code')}
                    />
                    <TextInput
                        label={t('stores.name')}
                        required
                        data-autofocus={!creating || undefined}
                        {...form.getInputProps('name')}
                    />
                    <Select
                        label={t('stores.timezone')}
                        description={t('stores.timezoneHint')}
                        data={timezones}
                        searchable
                        allowDeselect={false}
                        nothingFoundMessage={t('stores.timezoneNotFound')}
                        comboboxProps={{ withinPortal: true }}
                        {...form.getInputProps('timezone')}
                    />
                    <Textarea
                        label={t('stores.address')}
                        autosize
                        minRows={2}
                        {...form.getInputProps('address')}
                    />
                    <SimpleGrid cols={2}>
                        <NumberInput
                            label={t('stores.latitude')}
                            description={t('stores.latitudeHint')}
                            decimalScale={6}
                            min={-90}
                            max={90}
                            clampBehavior="none"
                            {...form.getInputProps('latitude')}
                        />
                        <NumberInput
                            label={t('stores.longitude')}
                            description={t('stores.longitudeHint')}
                            decimalScale={6}
                            min={-180}
                            max={180}
                            clampBehavior="none"
                            {...form.getInputProps('longitude')}
                        />
                    </SimpleGrid>
                    <DialogButtons
                        label={t(creating ? 'stores.create' : 'common.save')}
                        loading={save.isPending}
                        onCancel={onClose}
                    />
                </Stack>
            </form>
        </Modal>
    );
}
