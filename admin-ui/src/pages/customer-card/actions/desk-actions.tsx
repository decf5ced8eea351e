import { Button, Group } from '@mantine/core';
import type { CustomerProfile } from '../../../api/contract';
import { useT } from '../../../i18n/locale-provider';
import type { ConsentTarget } from '../sections/consents-section';
import { AdjustDialog } from './adjust-dialog';
import { BlockDialog } from './block-dialog';
import { CardKindDialog } from './card-kind-dialog';
import { ConsentDialog } from './consent-dialog';
import { ContactsDialog } from './contacts-dialog';
import { ReplaceDialog } from './replace-dialog';

/** The desk dialog that is open, if any. */
export type OpenDialog =
    | { kind: 'adjust' }
    | { kind: 'contacts' }
    | { kind: 'consent'; target: ConsentTarget }
    | { kind: 'cardKind' }
    | { kind: 'replace' }
    | { kind: 'block' };

/** The first consent the dialog offers when opened from the action bar. */
const FIRST_CONSENT: ConsentTarget = { channel: 'sms', kind: 'marketing', granted: true };

/**
 * The store desk's actions on a card (for admins and managers only; the
 * caller hides them from other roles) and the open action's dialog. Each
 * dialog mounts when opened, so each opening is a fresh form with a fresh
 * idempotency key.
 */
export function DeskActions({
    customer,
    open,
    setOpen,
}: {
    customer: CustomerProfile;
    open: OpenDialog | null;
    setOpen: (dialog: OpenDialog | null) => void;
}) {
    const t = useT();
    const close = () => setOpen(null);
    const frame = { opened: true, onClose: close };
    return (
        <>
            <Group gap="xs" role="toolbar" aria-label={t('desk.actions')}>
                <Button size="sm" onClick={() => setOpen({ kind: 'adjust' })}>
                    {t('desk.adjust')}
                </Button>
                <Button size="sm" variant="default" onClick={() => setOpen({ kind: 'contacts' })}>
                    {t('desk.contacts')}
                </Button>
                <Button
                    size="sm"
                    variant="default"
                    onClick={() => setOpen({ kind: 'consent', target: FIRST_CONSENT })}
                >
                    {t('desk.consents')}
                </Button>
                <Button size="sm" variant="default" onClick={() => setOpen({ kind: 'cardKind' })}>
                    {t('desk.cardKind')}
                </Button>
                <Button size="sm" variant="default" onClick={() => setOpen({ kind: 'replace' })}>
                    {t('desk.replace')}
                </Button>
                <Button
                    size="sm"
                    variant="outline"
                    color={customer.blocked ? 'teal.9' : 'red.9'}
                    onClick={() => setOpen({ kind: 'block' })}
                >
                    {customer.blocked ? t('desk.unblock') : t('desk.block')}
                </Button>
            </Group>
            {open?.kind === 'adjust' && <AdjustDialog {...frame} customer={customer} />}
            {open?.kind === 'contacts' && <ContactsDialog {...frame} customer={customer} />}
            {open?.kind === 'consent' && (
                <ConsentDialog {...frame} cardNumber={customer.cardNumber} initial={open.target} />
            )}
            {open?.kind === 'cardKind' && <CardKindDialog {...frame} customer={customer} />}
            {open?.kind === 'replace' && <ReplaceDialog {...frame} customer={customer} />}
            {open?.kind === 'block' && <BlockDialog {...frame} customer={customer} />}
        </>
    );
}
