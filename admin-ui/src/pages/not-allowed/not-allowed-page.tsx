import { useSession } from '../../api/session';
import { MessagePage } from '../../app/message-page';
import { useT } from '../../i18n/locale-provider';

/** Shown at a page's URL when the user's role may not open it (the navbar never links there). */
export default function NotAllowedPage() {
    const t = useT();
    const role = useSession().data?.user.role;
    return (
        <MessagePage
            title={t('notAllowed.title')}
            text={t('notAllowed.text', { role: role ? t(`role.${role}`) : '' })}
        />
    );
}
