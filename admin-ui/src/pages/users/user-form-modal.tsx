import { Alert, Modal, MultiSelect, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { isApiError } from '../../api/api-error';
import { ADMIN_ROLES, type AdminUserView, MIN_PASSWORD_LENGTH, type Role } from '../../api/contract';
import { useAllStores } from '../../api/stores';
import { useCreateUser, useUpdateUser } from '../../api/users';
import { DialogButtons } from '../../app/dialog-parts';
import { errorMessage } from '../../app/error-state';
import { type Translate, useT } from '../../i18n/locale-provider';

/** The roles bound to stores: they need at least one. */
const STORE_BOUND: readonly Role[] = ['manager'];

interface Values {
    username: string;
    displayName: string;
    role: Role;
    storeIds: string[];
    password: string;
}

/** Field errors of a refused save, in the UI's language; `null` when the error is not about fields. */
function fieldErrors(error: unknown, t: Translate): Partial<Record<keyof Values, string>> | null {
    if (isApiError(error, 'REFILL_CONFLICT')) return { username: t('users.usernameTaken') };
    if (!isApiError(error, 'REFILL_VALIDATION')) return null;
    const fields: Partial<Record<keyof Values, string>> = {};
    for (const { path } of error.fieldProblems()) {
        const field = path.split('.')[0] as keyof Values;
        fields[field] = t('form.invalid');
    }
    return fields;
}

/**
 * Creates an admin user (`user` null) or changes one's display name, role
 * and stores. Says first what the change will do.
 */
export function UserFormModal({ user, onClose }: { user: AdminUserView | null; onClose(): void }) {
    const t = useT();
    const creating = user === null;
    const stores = useAllStores();
    const create = useCreateUser();
    const update = useUpdateUser();
    const saving = creating ? create : update;
    const form = useForm<Values>({
        initialValues: {
            username: user?.username ?? '',
            displayName: user?.displayName ?? '',
            role: user?.role ?? 'manager',
            storeIds: user?.storeIds.map(String) ?? [],
            password: '',
        },
        validate: {
            username: (v) => (!creating || v.trim() ? null : t('form.required')),
            role: (v) => (v ? null : t('form.required')),
            storeIds: (v, values) =>
                STORE_BOUND.includes(values.role) && v.length === 0 ? t('users.storesRequired') : null,
            password: (v) =>
                !creating || v.length >= MIN_PASSWORD_LENGTH
                    ? null
                    : t('password.tooShort', { min: MIN_PASSWORD_LENGTH }),
        },
    });
    const storeBound = STORE_BOUND.includes(form.values.role);
    const onError = (error: unknown) => {
        const fields = fieldErrors(error, t);
        if (fields) form.setErrors(fields);
    };
    const submit = form.onSubmit((values) => {
        const displayName = values.displayName.trim() || null;
        const storeIds = storeBound ? values.storeIds.map(Number) : [];
        const done = (saved: AdminUserView) => {
            notifications.show({
                color: 'teal',
                message: t(creating ? 'users.created' : 'users.saved', { name: saved.username }),
            });
            onClose();
        };
        if (creating)
            create.mutate(
                {
                    username: values.username.trim(),
                    displayName,
                    role: values.role,
                    storeIds,
                    password: values.password,
                },
                { onSuccess: done, onError },
            );
        else
            update.mutate(
                { id: user.id, patch: { displayName, role: values.role, storeIds } },
                { onSuccess: done, onError },
            );
    });
    const otherError = saving.isError && !fieldErrors(saving.error, t);
    return (
        <Modal
            centered
            opened
            onClose={onClose}
            title={creating ? t('users.new') : t('users.editTitle', { name: user.username })}
        >
            <form onSubmit={submit} noValidate>
                <Stack gap="md">
                    <Text size="sm">{creating ? t('users.newExplain') : t('users.editExplain')}</Text>
                    {otherError && (
                        <Alert color="red" role="alert">
                            {isApiError(saving.error, 'REFILL_UNPROCESSABLE')
                                ? t('users.notYourself')
                                : errorMessage(saving.error, t)}
                        </Alert>
                    )}
                    {creating && (
                        <TextInput
                            label={t('users.username')}
                            autoComplete="off"
                            required
                            maxLength={64}
                            data-autofocus
                            {...form.getInputProps('username')}
                        />
                    )}
                    <TextInput
                        label={t('users.displayName')}
                        maxLength={255}
                        data-autofocus={!creating || undefined}
                        {...form.getInputProps('displayName')}
                    />
                    <Select
                        label={t('users.role')}
                        required
                        allowDeselect={false}
                        data={ADMIN_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                        description={t(`users.roleHint.${form.values.role}`)}
                        {...form.getInputProps('role')}
                    />
                    {storeBound && (
                        <MultiSelect
                            label={t('users.stores')}
                            description={t('users.storesHint')}
                            required
                            searchable
                            data={(stores.data ?? []).map((s) => ({
                                value: String(s.id),
                                label: `${s.code} — ${s.name}`,
                            }))}
                            nothingFoundMessage={stores.isPending ? t('common.loading') : t('users.noStores')}
                            {...form.getInputProps('storeIds')}
                        />
                    )}
                    {creating && (
                        <PasswordInput
                            label={t('users.initialPassword')}
                            description={t('users.initialPasswordHint', { min: MIN_PASSWORD_LENGTH })}
                            autoComplete="new-password"
                            required
                            {...form.getInputProps('password')}
                        />
                    )}
                    <DialogButtons
                        label={creating ? t('users.create') : t('common.save')}

                        loading={saving.isPending}
                        onCancel={onClose}
                    />
                </Stack>
            </form>
        </Modal>
    );
}
