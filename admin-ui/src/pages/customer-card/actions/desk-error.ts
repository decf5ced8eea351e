import { isApiError } from '../../../api/api-error';
import { errorMessage } from '../../../app/error-state';
import type { Formatters } from '../../../format/use-format';
import type { Translate } from '../../../i18n/locale-provider';

/** A desk action's failure in words; the code goes beside it (see DeskDialog) for support. */
export function deskErrorMessage(error: unknown, t: Translate, f: Pick<Formatters, 'bonusCount'>): string {
    if (!isApiError(error)) return errorMessage(error, t);
    switch (error.code) {
        case 'REFILL_ADJUSTMENT_LIMIT': {
            const limit = (error.details as { limit?: unknown } | null)?.limit;
            return typeof limit === 'number'
                ? t('desk.error.adjustmentLimit', { limit: f.bonusCount(limit) })
                : t('desk.error.adjustmentLimitUnknown');
        }
        case 'REFILL_INSUFFICIENT_BALANCE':
            return t('desk.error.insufficientBalance');
        case 'REFILL_CONFLICT':
            return t('desk.error.conflict');
        case 'REFILL_CARD_REPLACED':
            return t('desk.error.cardReplaced');
        case 'REFILL_CUSTOMER_NOT_FOUND':
            return t('desk.error.customerNotFound');
        case 'REFILL_VALIDATION':
            return t('desk.error.validation');
        case 'REFILL_CSRF_INVALID':
            return t('desk.error.csrf');
        default:
            return errorMessage(error, t);
    }
}

/** The API's complaint about one field of the form (`REFILL_VALIDATION` details), if any. */
export function fieldError(error: unknown, field: string): string | undefined {
    if (!isApiError(error, 'REFILL_VALIDATION')) return undefined;
    return error.fieldProblems().find((p) => p.path === field || p.path.endsWith(`.${field}`))?.message;
}
